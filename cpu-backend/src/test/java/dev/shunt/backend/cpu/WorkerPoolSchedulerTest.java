package dev.shunt.backend.cpu;

import static dev.shunt.backend.cpu.FakeModel.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.backend.error.DeadlineExceededException;
import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.error.QueueFullException;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.vocabulary.LatencyClass;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolSchedulerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeTicker ticker = new FakeTicker();
    private final Gate gate = new Gate(1);
    private WorkerPoolScheduler pool;

    @AfterEach
    void tearDown() {
        gate.open();
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void runsJobOnWorkerThreadAndReportsItsTimes() throws Exception {
        FakeModel model = new FakeModel(tag -> ticker.advance(Duration.ofMillis(5)));
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 4), ticker);
        CompletingThread future = new CompletingThread();
        InferenceJob job = new InferenceJob(job("a").request(), 1, LatencyClass.STANDARD, -3_000_000, Long.MAX_VALUE,
                future);

        InferenceResult result = pool.submit(job).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.outputs()).isEqualTo(FakeModel.OUTPUTS);
        assertThat(result.queueNanos()).isEqualTo(3_000_000);
        assertThat(result.computeNanos()).isEqualTo(5_000_000);
        assertThat(result.batchRows()).isEqualTo(1);
        assertThat(future.thread).isEqualTo("shunt-cpu-worker-1");
        assertThat(pool.running()).isZero();
        assertThat(pool.queueDepth()).isZero();
    }

    @Test
    void fullQueueFailsTheJobWithDepthAndCapacity() throws Exception {
        FakeModel model = new FakeModel(tag -> gateOn("a", tag));
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 2), ticker);
        CompletableFuture<InferenceResult> a = pool.submit(job("a"));
        gate.awaitEntered();
        CompletableFuture<InferenceResult> b = pool.submit(job("b"));
        CompletableFuture<InferenceResult> c = pool.submit(job("c"));

        CompletableFuture<InferenceResult> d = pool.submit(job("d"));

        assertThat(d).isCompletedExceptionally();
        assertThat(d).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(QueueFullException.class)
                .withMessage("queue full: 2 jobs waiting (capacity 2)");
        assertThat(pool.queueDepth()).isEqualTo(2);
        assertThat(pool.queueCapacity()).isEqualTo(2);
        assertThat(pool.running()).isEqualTo(1);

        gate.open();
        assertThat(a).succeedsWithin(WAIT);
        assertThat(b).succeedsWithin(WAIT);
        assertThat(c).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a", "b", "c");
    }

    @Test
    void eachWorkerCreatesUsesAndClosesItsOwnInstance() throws Exception {
        Gate all = new Gate(3);
        FakeModel model = new FakeModel(tag -> all.pass());
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(3, 8), ticker);

        assertThat(model.creators.values()).extracting(Thread::getName)
                .containsExactlyInAnyOrder("shunt-cpu-worker-1", "shunt-cpu-worker-2", "shunt-cpu-worker-3");

        List<CompletableFuture<InferenceResult>> results =
                List.of(pool.submit(job("a")), pool.submit(job("b")), pool.submit(job("c")));
        all.awaitEntered(); // all three run at once, so they run on three workers
        assertThat(pool.running()).isEqualTo(3);
        all.open();
        results.forEach(r -> assertThat(r).succeedsWithin(WAIT));

        assertThat(model.calls).extracting(FakeModel.Call::instance).doesNotHaveDuplicates();
        for (FakeModel.Call call : model.calls) {
            assertThat(call.thread()).isEqualTo(model.creators.get(call.instance()).getName());
        }
        pool.close();
        assertThat(model.closers).hasSize(3);
        model.closers.forEach((id, thread) -> assertThat(thread).isEqualTo(model.creators.get(id).getName()));
    }

    @Test
    void jobPastItsDeadlineIsFailedAndNeverRun() throws Exception {
        FakeModel model = new FakeModel(tag -> gateOn("a", tag));
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 4), ticker);
        CompletableFuture<InferenceResult> a = pool.submit(job("a"));
        gate.awaitEntered();
        CompletableFuture<InferenceResult> late = pool.submit(job("late", 0, Duration.ofMillis(10).toNanos()));
        CompletableFuture<InferenceResult> patient = pool.submit(job("patient", 0, Duration.ofSeconds(1).toNanos()));

        ticker.advance(Duration.ofMillis(25));
        gate.open();

        assertThat(late).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(DeadlineExceededException.class)
                .withMessage("deadline passed after 25 ms in queue");
        assertThat(a).succeedsWithin(WAIT);
        assertThat(patient).succeedsWithin(WAIT).extracting(InferenceResult::queueNanos)
                .isEqualTo(Duration.ofMillis(25).toNanos());
        assertThat(model.tags()).containsExactly("a", "patient");
    }

    @Test
    void failingPredictFailsOnlyThatJobAndTheWorkerGoesOn() throws Exception {
        FakeModel model = new FakeModel(tag -> {
            switch (tag) {
                case "boom" -> throw new IllegalStateException("tensor on fire\n\tat some.Internal");
                case "typed" -> throw new ModelExecutionException("model failed: typed", null);
                case "error" -> throw new AssertionError("native assertion");
                default -> { }
            }
        });
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 8), ticker);

        CompletableFuture<InferenceResult> boom = pool.submit(job("boom"));
        CompletableFuture<InferenceResult> typed = pool.submit(job("typed"));
        CompletableFuture<InferenceResult> error = pool.submit(job("error"));
        CompletableFuture<InferenceResult> ok = pool.submit(job("ok"));

        assertThat(boom).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ModelExecutionException.class)
                .withMessage("model failed: tensor on fire")
                .havingCause().isInstanceOf(IllegalStateException.class);
        assertThat(typed).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ModelExecutionException.class).withMessage("model failed: typed");
        assertThat(error).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ModelExecutionException.class).withMessage("model failed: native assertion");
        assertThat(ok).succeedsWithin(WAIT);
        assertThat(model.calls).extracting(FakeModel.Call::instance).containsOnly(1);
        assertThat(model.creators).hasSize(1);
        assertThat(pool.running()).isZero();
    }

    @Test
    void cancelledJobIsSkipped() throws Exception {
        FakeModel model = new FakeModel(tag -> gateOn("a", tag));
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 4), ticker);
        pool.submit(job("a"));
        gate.awaitEntered();
        CompletableFuture<InferenceResult> cancelled = pool.submit(job("cancelled"));
        CompletableFuture<InferenceResult> after = pool.submit(job("after"));

        cancelled.cancel(false);
        gate.open();

        assertThat(after).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a", "after");
    }

    @Test
    void startFailsWhenAWorkerCannotCreateItsInstanceAndClosesTheOthers() {
        FakeModel model = new FakeModel(tag -> { }, 2);

        assertThatThrownBy(() -> WorkerPoolScheduler.start(model, new WorkerPoolConfig(3, 4), ticker))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("shunt-cpu-worker-\\d could not create a model instance: no memory for instance 2")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(model.creators).hasSize(2);
        assertThat(model.closers).containsOnlyKeys(model.creators.keySet());
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> new WorkerPoolConfig(0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workers: 0 (expected: > 0)");
        assertThatThrownBy(() -> new WorkerPoolConfig(2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("queueCapacity: -1 (expected: > 0)");
        assertThat(new WorkerPoolConfig(2, 64)).isEqualTo(new WorkerPoolConfig(2, 64));
    }

    /** Records the thread that completes it (dependents may run elsewhere: on a thread in get()). */
    private static final class CompletingThread extends CompletableFuture<InferenceResult> {
        private volatile String thread;

        @Override
        public boolean complete(InferenceResult value) {
            thread = Thread.currentThread().getName();
            return super.complete(value);
        }
    }

    private void gateOn(String blocking, String tag) {
        if (tag.equals(blocking)) {
            gate.pass();
        }
    }
}
