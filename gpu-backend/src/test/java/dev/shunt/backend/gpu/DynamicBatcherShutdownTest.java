package dev.shunt.backend.gpu;

import static dev.shunt.backend.gpu.TestJobs.NO_DEADLINE;
import static dev.shunt.backend.gpu.TestJobs.job;
import static dev.shunt.vocabulary.LatencyClass.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.backend.error.ShuttingDownException;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graceful shutdown and close of the batcher; every wait is bounded, nothing sleeps. */
@Timeout(30)
class DynamicBatcherShutdownTest {

    private final RowSumModel model = new RowSumModel();
    private DynamicBatcher batcher;

    @AfterEach
    void closeBatcher() {
        model.release();
        if (batcher != null) {
            batcher.close();
        }
    }

    private DynamicBatcher start(BatchingConfig config, int instances, Ticker ticker) {
        batcher = new DynamicBatcher(model, config, instances, ticker, BatchListener.noop());
        return batcher;
    }

    private static BatchingConfig config(int maxBatchSize, Duration delay) {
        return new BatchingConfig(maxBatchSize, delay, List.of(), 100, Duration.ZERO);
    }

    private CompletableFuture<InferenceResult> occupyTheModel(long now) throws Exception {
        model.hold();
        CompletableFuture<InferenceResult> blocker = batcher.submit(job(1, STANDARD, now, NO_DEADLINE, 0));
        model.awaitEntered(1);
        return blocker;
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> future.get(5, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(e).as("the future failed").isNotNull();
        return e.getCause();
    }

    @Test
    void anIdleBatcherShutsDownAtOnce() throws Exception {
        start(config(8, Duration.ofMillis(5)), 1, Ticker.system());

        batcher.shutdown(Duration.ofSeconds(10)).get(5, TimeUnit.SECONDS);

        assertThat(failureOf(batcher.submit(job(1, STANDARD, System.nanoTime()))))
                .isInstanceOf(ShuttingDownException.class).hasMessage("server is shutting down");
    }

    @Test
    void shutdownRefusesNewJobsAndRunsQueuedOnesWithoutWaitingForTheDelay() throws Exception {
        start(new BatchingConfig(8, Duration.ofHours(1), List.of(1), 100, Duration.ZERO), 1, Ticker.system());
        CompletableFuture<InferenceResult> blocker = occupyTheModel(System.nanoTime());
        List<CompletableFuture<InferenceResult>> queued = List.of(
                batcher.submit(job(1, STANDARD, System.nanoTime())),
                batcher.submit(job(2, STANDARD, System.nanoTime())),
                batcher.submit(job(3, STANDARD, System.nanoTime())));

        CompletableFuture<Void> drained = batcher.shutdown(Duration.ofSeconds(60));

        assertThat(failureOf(batcher.submit(job(1, STANDARD, System.nanoTime()))))
                .isInstanceOf(ShuttingDownException.class);
        assertThat(drained).isNotDone();
        model.release();
        drained.get(5, TimeUnit.SECONDS);
        assertThat(blocker).isCompleted();
        for (CompletableFuture<InferenceResult> future : queued) {
            assertThat(future.getNow(null).batchRows()).isEqualTo(6);
        }
        assertThat(model.batchRows()).containsExactly(1, 6);
        assertThat(batcher.queueDepth()).isZero();
        assertThat(batcher.running()).isZero();
    }

    @Test
    void afterTheGraceWhatIsLeftFailsAndShutdownEndsWhenTheModelReturns() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        start(config(1, Duration.ZERO), 1, ticker);
        CompletableFuture<InferenceResult> blocker = occupyTheModel(0);
        CompletableFuture<InferenceResult> queued = batcher.submit(job(1, STANDARD, 0));

        CompletableFuture<Void> drained = batcher.shutdown(Duration.ofSeconds(5));
        ticker.advance(Duration.ofSeconds(5));
        batcher.wakeUp();

        assertThat(failureOf(queued)).isInstanceOf(ShuttingDownException.class);
        assertThat(failureOf(blocker)).isInstanceOf(ShuttingDownException.class);
        assertThat(drained).isNotDone();
        model.release();
        drained.get(5, TimeUnit.SECONDS);
        assertThat(model.batchRows()).containsExactly(1);
    }

    @Test
    void aShorterGraceLaterWins() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        start(config(1, Duration.ZERO), 1, ticker);
        CompletableFuture<InferenceResult> blocker = occupyTheModel(0);

        batcher.shutdown(Duration.ofHours(1));
        CompletableFuture<Void> drained = batcher.shutdown(Duration.ZERO);

        assertThat(failureOf(blocker)).isInstanceOf(ShuttingDownException.class);
        model.release();
        drained.get(5, TimeUnit.SECONDS);
    }

    @Test
    void closeFailsEverythingAndClosesEveryInstance() throws Exception {
        start(config(1, Duration.ZERO), 2, Ticker.system());
        model.hold();
        CompletableFuture<InferenceResult> running = batcher.submit(job(1, STANDARD, System.nanoTime()));
        model.awaitEntered(1);

        batcher.close();

        assertThat(failureOf(running)).isInstanceOf(ShuttingDownException.class);
        assertThat(failureOf(batcher.submit(job(1, STANDARD, System.nanoTime()))))
                .isInstanceOf(ShuttingDownException.class);
        assertThat(model.closedInstances()).isEqualTo(1);
        CompletableFuture<Void> done = batcher.shutdown(Duration.ZERO);
        model.release();
        done.get(5, TimeUnit.SECONDS);
        assertThat(model.closedInstances()).isEqualTo(2);
    }

    @Test
    void refusesANegativeGrace() {
        start(config(1, Duration.ZERO), 1, Ticker.system());

        assertThatThrownBy(() -> batcher.shutdown(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grace: PT-1S (expected: >= 0)");
    }
}
