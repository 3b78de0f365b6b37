package dev.shunt.backend.schedule;

import static dev.shunt.backend.schedule.TagModel.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.backend.error.DeadlineExceededException;
import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.error.QueueFullException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler core with a fake model and a fake ticker: admission, workers, takers, deadlines. Nothing sleeps. */
@Timeout(30)
class SchedulerCoreTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long MS = 1_000_000;

    private final FakeTicker ticker = new FakeTicker();
    private final TagModel model = new TagModel();
    private final TagRunner runner = new TagRunner(ticker);
    private final List<String> expired = new CopyOnWriteArrayList<>();
    private SchedulerCore core;

    @AfterEach
    void tearDown() {
        model.release();
        if (core != null) {
            core.close();
        }
    }

    private SchedulerCore.Builder builder(JobTaker taker, int workers) {
        return SchedulerCore.builder(model, taker, runner).threadPrefix("core").workers(workers).ticker(ticker)
                .onExpired(job -> expired.add(TagModel.tagOf(job)));
    }

    private SchedulerCore fifo(int workers, int capacity) {
        core = builder(JobTaker.fifo(capacity), workers).start();
        return core;
    }

    private static Throwable failureOf(CompletableFuture<InferenceResult> future) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> future.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), ExecutionException.class)
                .getCause();
    }

    @Test
    void eachWorkerRunsJobsOnItsOwnThreadWithItsOwnInstance() throws Exception {
        fifo(2, 8);
        assertThat(model.creators.values()).extracting(Thread::getName)
                .containsExactlyInAnyOrder("core-worker-1", "core-worker-2");
        model.hold();

        CompletableFuture<InferenceResult> a = core.submit(job("a"));
        CompletableFuture<InferenceResult> b = core.submit(job("b"));
        model.awaitEntered(2);

        assertThat(core.running()).isEqualTo(2);
        assertThat(core.queueDepth()).isZero();
        model.release();
        assertThat(a).succeedsWithin(WAIT).extracting(InferenceResult::outputs).isEqualTo(TagModel.OUTPUTS);
        assertThat(b).succeedsWithin(WAIT);
        assertThat(model.calls).extracting(TagModel.Call::instance).doesNotHaveDuplicates();
        for (TagModel.Call call : model.calls) {
            assertThat(call.thread()).isEqualTo(model.creators.get(call.instance()).getName());
        }
        assertThat(core.running()).isZero();
        core.close();
        assertThat(model.closers).hasSize(2);
        model.closers.forEach((id, thread) -> assertThat(thread).isEqualTo(model.creators.get(id).getName()));
    }

    @Test
    void aFullQueueRefusesAtOnceWithItsDepthAndCapacity() throws Exception {
        fifo(1, 1);
        model.hold();
        CompletableFuture<InferenceResult> a = core.submit(job("a"));
        model.awaitEntered(1);
        CompletableFuture<InferenceResult> b = core.submit(job("b"));

        CompletableFuture<InferenceResult> refused = core.submit(job("c"));

        assertThat(refused).isCompletedExceptionally();
        assertThat(failureOf(refused)).isInstanceOf(QueueFullException.class)
                .hasMessage("queue full: 1 jobs waiting (capacity 1)");
        assertThat(core.queueDepth()).isEqualTo(1);
        assertThat(core.running()).isEqualTo(1);
        assertThat(core.queueCapacity()).isEqualTo(1);
        model.release();
        assertThat(a).succeedsWithin(WAIT);
        assertThat(b).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a", "b");
    }

    @Test
    void aJobWhoseDeadlinePassesWhileEveryWorkerIsBusyFailsAtItsDeadline() throws Exception {
        fifo(1, 8);
        model.hold();
        CompletableFuture<InferenceResult> a = core.submit(job("a"));
        model.awaitEntered(1);
        CompletableFuture<InferenceResult> late = core.submit(job("late", 0, 10 * MS));
        CompletableFuture<InferenceResult> patient = core.submit(job("patient", 0, 1_000 * MS));

        ticker.advance(Duration.ofMillis(10)); // no wakeUp(): the timer looks again when its 10 ms are up

        assertThat(failureOf(late)).isInstanceOf(DeadlineExceededException.class)
                .hasMessage("deadline passed after 10 ms in queue");
        assertThat(expired).containsExactly("late");
        assertThat(a).as("the only worker is still inside the model").isNotDone();
        model.release();
        assertThat(a).succeedsWithin(WAIT);
        assertThat(patient).succeedsWithin(WAIT).extracting(InferenceResult::queueNanos).isEqualTo(10 * MS);
        assertThat(model.tags()).containsExactly("a", "patient");
    }

    @Test
    void aJobQueuedWhileTheWorkerWasStillIdleExpiresAtItsDeadlineToo() throws Exception {
        fifo(1, 8);
        model.hold();
        CompletableFuture<InferenceResult> a = core.submit(job("a"));
        CompletableFuture<InferenceResult> late = core.submit(job("late", 0, 10 * MS)); // the worker may not have woken yet
        model.awaitEntered(1);

        ticker.advance(Duration.ofMillis(10)); // no wakeUp(): whoever took "a" left "late" to the timer

        assertThat(failureOf(late)).isInstanceOf(DeadlineExceededException.class)
                .hasMessage("deadline passed after 10 ms in queue");
        model.release();
        assertThat(a).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a");
    }

    @Test
    void jobsWithoutADeadlineGetTheDefaultOne() throws Exception {
        core = builder(JobTaker.fifo(8), 1).defaultDeadline(Duration.ofMillis(50)).start();
        model.hold();
        CompletableFuture<InferenceResult> a = core.submit(job("a"));
        model.awaitEntered(1);
        CompletableFuture<InferenceResult> defaulted = core.submit(job("defaulted"));
        CompletableFuture<InferenceResult> own = core.submit(job("own", 0, 3_600_000 * MS));

        ticker.advance(Duration.ofMillis(60));
        core.wakeUp();

        assertThat(failureOf(defaulted)).isInstanceOf(DeadlineExceededException.class)
                .hasMessage("deadline passed after 60 ms in queue");
        model.release();
        assertThat(a).succeedsWithin(WAIT);
        assertThat(own).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a", "own");
    }

    @Test
    void aCancelledJobNeverReachesTheModel() throws Exception {
        fifo(1, 8);
        model.hold();
        core.submit(job("a"));
        model.awaitEntered(1);
        CompletableFuture<InferenceResult> cancelled = core.submit(job("cancelled"));
        CompletableFuture<InferenceResult> after = core.submit(job("after"));

        cancelled.cancel(false);
        model.release();

        assertThat(after).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a", "after");
    }

    @Test
    void aTakerThatWaitsIsAskedAgainWhenItsTimeComesOrAJobArrives() throws Exception {
        core = builder(new PairTaker(8, Duration.ofMillis(5)), 1).start();

        CompletableFuture<InferenceResult> lone = core.submit(job("lone", 0, TickerTimes.NEVER));
        assertThat(lone).isNotDone();
        ticker.advance(Duration.ofMillis(5)); // the worker's planned wait ends on the ticker

        assertThat(lone).succeedsWithin(WAIT);
        CompletableFuture<InferenceResult> x = core.submit(job("x", 5 * MS, TickerTimes.NEVER));
        CompletableFuture<InferenceResult> y = core.submit(job("y", 5 * MS, TickerTimes.NEVER));
        assertThat(x).succeedsWithin(WAIT);
        assertThat(y).succeedsWithin(WAIT);
        assertThat(runner.runs).containsExactly(List.of("lone"), List.of("x", "y"));
    }

    @Test
    void aRunnerThatThrowsFailsItsJobsAndTheWorkerGoesOn() {
        fifo(1, 8);

        CompletableFuture<InferenceResult> broken = core.submit(job("throw"));
        CompletableFuture<InferenceResult> next = core.submit(job("next"));

        assertThat(failureOf(broken)).isInstanceOf(ModelExecutionException.class)
                .hasMessage("model failed: java.lang.IllegalStateException: runner bug");
        assertThat(next).succeedsWithin(WAIT);
        assertThat(core.running()).isZero();
    }

    @Test
    void theBuilderSaysWhatItExpected() {
        SchedulerCore.Builder builder = SchedulerCore.builder(model, JobTaker.fifo(1), runner);

        assertThatThrownBy(() -> builder.workers(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers: 0 (expected: > 0)");
        assertThatThrownBy(() -> builder.threadPrefix(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threadPrefix: \" \" (expected: not blank)");
        assertThatThrownBy(() -> builder.closeWait(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("closeWait: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> builder.defaultDeadline(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("defaultDeadline: PT-0.005S (expected: >= 0)");
        assertThatThrownBy(() -> JobTaker.fifo(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: > 0)");
        assertThatThrownBy(() -> SchedulerCore.builder(model, null, runner)).isInstanceOf(NullPointerException.class)
                .hasMessage("taker");
        assertThat(model.creators).as("nothing started").isEmpty();
    }
}
