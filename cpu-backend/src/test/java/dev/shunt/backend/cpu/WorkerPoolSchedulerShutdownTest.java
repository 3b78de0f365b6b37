package dev.shunt.backend.cpu;

import static dev.shunt.backend.cpu.FakeModel.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.backend.error.ShuttingDownException;
import dev.shunt.backend.schedule.InferenceResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolSchedulerShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeTicker ticker = new FakeTicker();
    private final Gate gate = new Gate(1);
    private final FakeModel model = new FakeModel(tag -> {
        if (tag.equals("a")) {
            gate.pass();
        }
    });
    private WorkerPoolScheduler pool;

    @AfterEach
    void tearDown() {
        gate.open();
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void drainsQueuedAndRunningJobsWithinTheGraceAndRejectsNewOnes() throws Exception {
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 4), ticker);
        CompletableFuture<InferenceResult> a = pool.submit(job("a"));
        gate.awaitEntered();
        CompletableFuture<InferenceResult> b = pool.submit(job("b"));
        CompletableFuture<InferenceResult> c = pool.submit(job("c"));

        CompletableFuture<Void> done = pool.shutdown(Duration.ofMinutes(1));
        CompletableFuture<InferenceResult> late = pool.submit(job("late"));

        assertShuttingDown(late);
        assertThat(done).isNotDone();
        gate.open();
        assertThat(a).succeedsWithin(WAIT);
        assertThat(b).succeedsWithin(WAIT);
        assertThat(c).succeedsWithin(WAIT);
        assertThat(done).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a", "b", "c");
        assertWorkersGone();
    }

    @Test
    void zeroGraceFailsQueuedAndRunningJobsAndCompletesOncePredictReturns() throws Exception {
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 4), ticker);
        CompletableFuture<InferenceResult> a = pool.submit(job("a"));
        gate.awaitEntered();
        CompletableFuture<InferenceResult> b = pool.submit(job("b"));
        CompletableFuture<InferenceResult> c = pool.submit(job("c"));

        CompletableFuture<Void> done = pool.shutdown(Duration.ZERO);

        assertShuttingDown(b);
        assertShuttingDown(c);
        assertShuttingDown(a);
        assertThat(pool.queueDepth()).isZero();
        assertThat(done).as("a worker is still inside predict").isNotDone();
        gate.open();
        assertThat(done).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a");
        assertWorkersGone();
    }

    @Test
    void jobsLeftWhenTheGraceEndsAreFailed() throws Exception {
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 4), ticker);
        CompletableFuture<InferenceResult> a = pool.submit(job("a"));
        gate.awaitEntered();
        CompletableFuture<InferenceResult> b = pool.submit(job("b"));

        CompletableFuture<Void> done = pool.shutdown(Duration.ofMillis(100));
        ticker.advance(Duration.ofMillis(100)); // the grace is measured on the pool's ticker

        assertShuttingDown(b);
        assertShuttingDown(a);
        gate.open();
        assertThat(done).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a");
    }

    @Test
    void idlePoolShutsDownAndClosesEveryInstance() throws Exception {
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(2, 4), ticker);

        CompletableFuture<Void> done = pool.shutdown(Duration.ofSeconds(30));

        assertThat(done).succeedsWithin(WAIT);
        assertThat(pool.shutdown(Duration.ZERO)).as("later calls").succeedsWithin(WAIT);
        assertShuttingDown(pool.submit(job("b")));
        assertWorkersGone();
    }

    @Test
    void closeDuringAGracefulShutdownStopsAtOnce() throws Exception {
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 4), ticker);
        CompletableFuture<InferenceResult> a = pool.submit(job("a"));
        gate.awaitEntered();
        CompletableFuture<InferenceResult> b = pool.submit(job("b"));
        CompletableFuture<Void> done = pool.shutdown(Duration.ofHours(1));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);

        assertShuttingDown(b);
        assertShuttingDown(a);
        assertThat(closing).as("close waits for predict to return").isNotDone();
        gate.open();
        assertThat(closing).succeedsWithin(WAIT);
        // each caller gets its own copy of the termination future; copies complete one after another
        assertThat(done).succeedsWithin(WAIT);
        assertWorkersGone();
    }

    @Test
    void negativeGraceIsRefused() {
        pool = WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 4), ticker);

        assertThatThrownBy(() -> pool.shutdown(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grace: PT-1S (expected: >= 0)");
    }

    private static void assertShuttingDown(CompletableFuture<InferenceResult> job) {
        assertThat(job).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ShuttingDownException.class).withMessage("server is shutting down");
    }

    private void assertWorkersGone() throws InterruptedException {
        assertThat(model.closers.keySet()).isEqualTo(model.creators.keySet());
        for (Thread worker : model.creators.values()) {
            worker.join(WAIT.toMillis());
            assertThat(worker.isAlive()).as(worker.getName()).isFalse();
        }
    }
}
