package dev.shunt.backend.schedule;

import static dev.shunt.backend.schedule.TagModel.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.backend.error.ShuttingDownException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Draining, the grace on the ticker, close and failed starts of the scheduler core. Nothing sleeps. */
@Timeout(30)
class SchedulerCoreShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeTicker ticker = new FakeTicker();
    private final TagModel model = new TagModel();
    private final TagRunner runner = new TagRunner(ticker);
    private SchedulerCore core;

    @AfterEach
    void tearDown() {
        model.release();
        if (core != null) {
            core.close();
        }
    }

    private SchedulerCore start(JobTaker taker, int workers, String prefix) {
        core = SchedulerCore.builder(model, taker, runner).threadPrefix(prefix).workers(workers).ticker(ticker).start();
        return core;
    }

    private static void assertShuttingDown(CompletableFuture<?> future) {
        assertThat(future).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ShuttingDownException.class).withMessage("server is shutting down");
    }

    @Test
    void drainingRunsWhatIsQueuedWithoutWaitingAndRefusesNewJobs() throws Exception {
        start(new PairTaker(8, Duration.ofHours(1)), 1, "drain");
        CompletableFuture<InferenceResult> lone = core.submit(job("lone"));
        assertThat(lone).as("the taker waits an hour for a second job").isNotDone();

        CompletableFuture<Void> done = core.shutdown(Duration.ofMinutes(1));

        assertThat(lone).succeedsWithin(WAIT);
        assertThat(done).succeedsWithin(WAIT);
        assertShuttingDown(core.submit(job("late")));
        assertThat(runner.runs).containsExactly(List.of("lone"));
        assertThat(model.closers.keySet()).isEqualTo(model.creators.keySet());
    }

    @Test
    void whenTheGraceEndsOnTheTickerWhatIsQueuedOrRunningFails() throws Exception {
        start(JobTaker.fifo(8), 1, "grace");
        model.hold();
        CompletableFuture<InferenceResult> a = core.submit(job("a"));
        model.awaitEntered(1);
        CompletableFuture<InferenceResult> b = core.submit(job("b"));

        CompletableFuture<Void> done = core.shutdown(Duration.ofSeconds(5));
        ticker.advance(Duration.ofSeconds(5));
        core.wakeUp(); // the timer may be asleep for 5 s of real time, planned on the fake ticker

        assertShuttingDown(b);
        assertShuttingDown(a);
        assertThat(core.queueDepth()).isZero();
        assertThat(done).as("a worker is still inside the model").isNotDone();
        model.release();
        assertThat(done).succeedsWithin(WAIT);
        assertThat(model.tags()).containsExactly("a");
    }

    @Test
    void aShorterGraceGivenLaterWins() throws Exception {
        start(JobTaker.fifo(8), 1, "shorter");
        model.hold();
        CompletableFuture<InferenceResult> a = core.submit(job("a"));
        model.awaitEntered(1);

        core.shutdown(Duration.ofHours(1));
        CompletableFuture<Void> done = core.shutdown(Duration.ZERO);

        assertShuttingDown(a);
        model.release();
        assertThat(done).succeedsWithin(WAIT);
    }

    @Test
    void anIdleCoreShutsDownAtOnceAndItsThreadsEnd() throws Exception {
        start(JobTaker.fifo(8), 2, "idle");

        assertThat(core.shutdown(Duration.ofSeconds(30))).succeedsWithin(WAIT);

        assertThat(core.shutdown(Duration.ZERO)).as("later calls").succeedsWithin(WAIT);
        assertThat(model.closers.keySet()).isEqualTo(model.creators.keySet());
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("idle-")) {
                thread.join(WAIT.toMillis());
                assertThat(thread.isAlive()).as(thread.getName()).isFalse();
            }
        }
    }

    @Test
    void closeReturnsOnceIdleInstancesAreClosedAndLeavesBusyOnesToTheModel() throws Exception {
        start(JobTaker.fifo(8), 2, "close");
        model.hold();
        CompletableFuture<InferenceResult> a = core.submit(job("a"));
        model.awaitEntered(1);

        core.close();

        assertShuttingDown(a);
        assertThat(model.closers).as("the idle worker's instance").hasSize(1);
        assertShuttingDown(core.submit(job("b")));
        CompletableFuture<Void> done = core.shutdown(Duration.ZERO);
        model.release();
        assertThat(done).succeedsWithin(WAIT);
        assertThat(model.closers).hasSize(2);
    }

    @Test
    void closeWaitsForBusyWorkersUpToTheCloseWait() throws Exception {
        core = SchedulerCore.builder(model, JobTaker.fifo(8), runner).threadPrefix("wait").ticker(ticker)
                .closeWait(Duration.ofSeconds(20)).start();
        model.hold();
        CompletableFuture<InferenceResult> a = core.submit(job("a"));
        model.awaitEntered(1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(core::close);

        assertShuttingDown(a);
        assertThat(closing).as("close waits for the model to return").isNotDone();
        model.release();
        assertThat(closing).succeedsWithin(WAIT);
        assertThat(model.closers).hasSize(1);
    }

    @Test
    void startFailsWhenAWorkerCannotCreateItsInstanceAndClosesTheOthers() {
        TagModel failing = new TagModel(2);

        assertThatThrownBy(() -> SchedulerCore.builder(failing, JobTaker.fifo(4), runner).threadPrefix("broken")
                .workers(3).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("broken-worker-\\d could not create a model instance: no memory for instance 2")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(failing.creators).hasSize(2);
        assertThat(failing.closers).containsOnlyKeys(failing.creators.keySet());
    }

    @Test
    void aNegativeGraceIsRefused() {
        start(JobTaker.fifo(8), 1, "negative");

        assertThatThrownBy(() -> core.shutdown(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grace: PT-1S (expected: >= 0)");
    }
}
