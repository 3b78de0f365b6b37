package dev.shunt.backend.gpu;

import static dev.shunt.backend.gpu.TestJobs.NO_DEADLINE;
import static dev.shunt.backend.gpu.TestJobs.job;
import static dev.shunt.vocabulary.LatencyClass.BATCH;
import static dev.shunt.vocabulary.LatencyClass.REALTIME;
import static dev.shunt.vocabulary.LatencyClass.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.backend.error.DeadlineExceededException;
import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.error.QueueFullException;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.TensorData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The batcher with a fake model; every wait is bounded, nothing sleeps. */
@Timeout(30)
class DynamicBatcherTest {

    private static final long MS = 1_000_000;

    private final RowSumModel model = new RowSumModel();
    private DynamicBatcher batcher;

    @AfterEach
    void closeBatcher() {
        model.release();
        if (batcher != null) {
            batcher.close();
        }
    }

    private static BatchingConfig config(int maxBatchSize, Duration delay, List<Integer> preferred, int capacity) {
        return new BatchingConfig(maxBatchSize, delay, preferred, capacity, Duration.ZERO);
    }

    private DynamicBatcher start(RowSumModel served, BatchingConfig config, int instances, Ticker ticker,
            BatchListener listener) {
        batcher = new DynamicBatcher(served, config, instances, ticker, listener);
        return batcher;
    }

    private DynamicBatcher start(BatchingConfig config) {
        return start(model, config, 1, Ticker.system(), BatchListener.noop());
    }

    /** Submits a one-row job and waits until its batch is inside the (held) model. */
    private CompletableFuture<InferenceResult> occupyTheModel(DynamicBatcher batcher, long now) throws Exception {
        model.hold();
        CompletableFuture<InferenceResult> blocker = batcher.submit(job(1, STANDARD, now, NO_DEADLINE, 0));
        model.awaitEntered(1);
        return blocker;
    }

    private static InferenceResult await(CompletableFuture<InferenceResult> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<InferenceResult> future) {
        ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> future.get(5, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(e).as("the future failed").isNotNull();
        return e.getCause();
    }

    private static InferOutput sums(float... values) {
        return InferOutput.of("sum", new long[] {values.length, 1}, Datatype.FP32, new TensorData.Floats(values));
    }

    @Test
    void batchesGrowWhileTheModelIsBusyUpToMaxBatchSize() throws Exception {
        DynamicBatcher batcher = start(config(4, Duration.ZERO, List.of(), 100));
        CompletableFuture<InferenceResult> blocker = occupyTheModel(batcher, System.nanoTime());
        List<CompletableFuture<InferenceResult>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(batcher.submit(job(1, STANDARD, System.nanoTime())));
        }
        assertThat(batcher.queueDepth()).isEqualTo(10);
        assertThat(batcher.running()).isEqualTo(1);

        model.release();

        assertThat(await(blocker).batchRows()).isEqualTo(1);
        List<Integer> rows = new ArrayList<>();
        for (CompletableFuture<InferenceResult> future : queued) {
            rows.add(await(future).batchRows());
        }
        assertThat(model.batchRows()).containsExactly(1, 4, 4, 2);
        assertThat(rows).containsExactly(4, 4, 4, 4, 4, 4, 4, 4, 2, 2);
        assertThat(model.threads()).allSatisfy(name -> assertThat(name).startsWith("shunt-gpu-worker-"));
    }

    @Test
    void aPreferredBatchSizeIsSentWithoutWaitingForTheDelay() throws Exception {
        DynamicBatcher batcher = start(config(8, Duration.ofHours(1), List.of(3), 100));

        CompletableFuture<InferenceResult> one = batcher.submit(job(1, STANDARD, System.nanoTime()));
        CompletableFuture<InferenceResult> two = batcher.submit(job(2, STANDARD, System.nanoTime()));

        assertThat(await(one).batchRows()).isEqualTo(3);
        assertThat(await(two).batchRows()).isEqualTo(3);

        CompletableFuture<InferenceResult> lonely = batcher.submit(job(1, STANDARD, System.nanoTime()));

        assertThat(lonely).isNotDone();
        assertThat(batcher.queueDepth()).isEqualTo(1);
    }

    @Test
    void aBatchShortOfEverySizeIsSentWhenTheDelayIsUsedUp() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        DynamicBatcher batcher = start(model, config(8, Duration.ofMinutes(10), List.of(), 100), 1, ticker,
                BatchListener.noop());
        CompletableFuture<InferenceResult> a = batcher.submit(job(1, STANDARD, 0));
        CompletableFuture<InferenceResult> b = batcher.submit(job(2, STANDARD, 0));
        assertThat(a).isNotDone();

        ticker.advance(Duration.ofMinutes(10));
        batcher.wakeUp();

        assertThat(await(a).batchRows()).isEqualTo(3);
        assertThat(await(b).batchRows()).isEqualTo(3);
        assertThat(model.batchRows()).containsExactly(3);
    }

    @Test
    void realtimeJobsJumpAheadOfStandardAndBatchJobs() throws Exception {
        DynamicBatcher batcher = start(config(1, Duration.ZERO, List.of(), 100));
        CompletableFuture<InferenceResult> blocker = occupyTheModel(batcher, System.nanoTime());
        List<CompletableFuture<InferenceResult>> futures = List.of(
                batcher.submit(job(1, BATCH, System.nanoTime(), NO_DEADLINE, 10)),
                batcher.submit(job(1, BATCH, System.nanoTime(), NO_DEADLINE, 20)),
                batcher.submit(job(1, STANDARD, System.nanoTime(), NO_DEADLINE, 30)),
                batcher.submit(job(1, REALTIME, System.nanoTime(), NO_DEADLINE, 40)));

        model.release();

        await(blocker);
        for (CompletableFuture<InferenceResult> future : futures) {
            await(future);
        }
        assertThat(model.firstValues()).containsExactly(0f, 40f, 30f, 10f, 20f);
    }

    @Test
    void eachJobGetsItsOwnRowsOfTheBatchOutput() throws Exception {
        DynamicBatcher batcher = start(config(16, Duration.ZERO, List.of(), 100));
        CompletableFuture<InferenceResult> blocker = occupyTheModel(batcher, System.nanoTime());
        CompletableFuture<InferenceResult> a = batcher.submit(job(1, STANDARD, System.nanoTime(), NO_DEADLINE, 10));
        CompletableFuture<InferenceResult> b = batcher.submit(job(3, STANDARD, System.nanoTime(), NO_DEADLINE, 20));
        CompletableFuture<InferenceResult> c = batcher.submit(job(2, STANDARD, System.nanoTime(), NO_DEADLINE, 30));

        model.release();

        assertThat(await(blocker).outputs()).containsExactly(sums(0.5f));
        assertThat(await(a).outputs()).containsExactly(sums(10.5f));
        assertThat(await(b).outputs()).containsExactly(sums(20.5f, 21.5f, 22.5f));
        assertThat(await(c).outputs()).containsExactly(sums(30.5f, 31.5f));
        assertThat(await(c).batchRows()).isEqualTo(6);
        assertThat(model.batchRows()).containsExactly(1, 6);
    }

    @Test
    void reportsQueueTimeComputeTimeAndBatchesToTheListener() throws Exception {
        FakeTicker ticker = new FakeTicker(1_000 * MS);
        RowSumModel slow = new RowSumModel(ticker, Duration.ofMillis(7));
        RecordingListener listener = new RecordingListener();
        DynamicBatcher batcher = start(slow, config(8, Duration.ZERO, List.of(), 100), 1, ticker, listener);

        InferenceResult result = await(batcher.submit(job(2, STANDARD, 997 * MS)));

        assertThat(result.queueNanos()).isEqualTo(3 * MS);
        assertThat(result.computeNanos()).isEqualTo(7 * MS);
        assertThat(result.batchRows()).isEqualTo(2);
        assertThat(listener.events()).containsExactly("batch rows=2 jobs=1 computeNanos=7000000");
    }

    @Test
    void twoInstancesRunTwoBatchesAtOnce() throws Exception {
        DynamicBatcher batcher = start(model, config(8, Duration.ZERO, List.of(), 100), 2, Ticker.system(),
                BatchListener.noop());
        model.hold();

        CompletableFuture<InferenceResult> a = batcher.submit(job(1, STANDARD, System.nanoTime()));
        model.awaitEntered(1);
        CompletableFuture<InferenceResult> b = batcher.submit(job(1, STANDARD, System.nanoTime()));
        model.awaitEntered(1);

        assertThat(batcher.running()).isEqualTo(2);
        model.release();
        await(a);
        await(b);
        assertThat(model.createdInstances()).isEqualTo(2);
        assertThat(model.threads()).doesNotHaveDuplicates();
    }

    @Test
    void aJobWhoseDeadlinePassesInTheQueueFailsAndNeverReachesTheModel() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        RecordingListener listener = new RecordingListener();
        DynamicBatcher batcher = start(model, config(8, Duration.ZERO, List.of(), 100), 1, ticker, listener);
        CompletableFuture<InferenceResult> blocker = occupyTheModel(batcher, 0);
        CompletableFuture<InferenceResult> late = batcher.submit(job(1, REALTIME, 0, 10 * MS, 99));
        CompletableFuture<InferenceResult> patient = batcher.submit(job(1, STANDARD, 0, 60_000 * MS, 50));

        ticker.advance(Duration.ofMillis(20));
        batcher.wakeUp();

        assertThat(failureOf(late)).isInstanceOf(DeadlineExceededException.class)
                .hasMessage("deadline passed after 20 ms in queue");
        assertThat(listener.events()).containsExactly("expired REALTIME");
        model.release();
        await(blocker);
        await(patient);
        assertThat(model.firstValues()).containsExactly(0f, 50f);
    }

    @Test
    void aJobExpiredOnArrivalIsNeverRun() throws Exception {
        FakeTicker ticker = new FakeTicker(1_000 * MS);
        DynamicBatcher batcher = start(model, config(8, Duration.ZERO, List.of(), 100), 1, ticker,
                BatchListener.noop());

        CompletableFuture<InferenceResult> late = batcher.submit(job(1, STANDARD, 900 * MS, 950 * MS, 0));

        assertThat(failureOf(late)).isInstanceOf(DeadlineExceededException.class)
                .hasMessage("deadline passed after 100 ms in queue");
        assertThat(model.batchRows()).isEmpty();
    }

    @Test
    void jobsWithoutADeadlineGetTheDefaultQueueTimeout() throws Exception {
        FakeTicker ticker = new FakeTicker(0);
        BatchingConfig config = new BatchingConfig(8, Duration.ZERO, List.of(), 100, Duration.ofMillis(50));
        DynamicBatcher batcher = start(model, config, 1, ticker, BatchListener.noop());
        CompletableFuture<InferenceResult> blocker = occupyTheModel(batcher, 0);
        CompletableFuture<InferenceResult> defaulted = batcher.submit(job(1, STANDARD, 0));
        CompletableFuture<InferenceResult> ownDeadline = batcher.submit(job(1, STANDARD, 0, 60_000 * MS, 0));

        ticker.advance(Duration.ofMillis(60));
        batcher.wakeUp();

        assertThat(failureOf(defaulted)).isInstanceOf(DeadlineExceededException.class)
                .hasMessage("deadline passed after 60 ms in queue");
        model.release();
        await(blocker);
        assertThat(await(ownDeadline).batchRows()).isEqualTo(1);
    }

    @Test
    void aModelFailureFailsEveryJobOfTheBatchAndTheBatcherKeepsServing() throws Exception {
        DynamicBatcher batcher = start(config(8, Duration.ZERO, List.of(), 100));
        CompletableFuture<InferenceResult> blocker = occupyTheModel(batcher, System.nanoTime());
        ModelExecutionException boom = new ModelExecutionException("model failed: CUDA out of memory", null);
        model.failNext(boom);
        List<CompletableFuture<InferenceResult>> doomed = List.of(
                batcher.submit(job(1, STANDARD, System.nanoTime())),
                batcher.submit(job(2, BATCH, System.nanoTime())),
                batcher.submit(job(1, REALTIME, System.nanoTime())));

        model.release();

        await(blocker);
        for (CompletableFuture<InferenceResult> future : doomed) {
            assertThat(failureOf(future)).isSameAs(boom);
        }
        assertThat(await(batcher.submit(job(1, STANDARD, System.nanoTime()))).batchRows()).isEqualTo(1);
    }

    @Test
    void anUnexpectedExceptionBecomesAModelExecutionError() throws Exception {
        DynamicBatcher batcher = start(config(8, Duration.ZERO, List.of(), 100));
        IllegalStateException kaput = new IllegalStateException("kaput");
        model.failNext(kaput);

        Throwable failure = failureOf(batcher.submit(job(1, STANDARD, System.nanoTime())));

        assertThat(failure).isInstanceOf(ModelExecutionException.class).hasMessage("batch failed: kaput")
                .hasCause(kaput);
        assertThat(await(batcher.submit(job(1, STANDARD, System.nanoTime()))).batchRows()).isEqualTo(1);
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        DynamicBatcher batcher = start(config(1, Duration.ZERO, List.of(), 2));
        CompletableFuture<InferenceResult> blocker = occupyTheModel(batcher, System.nanoTime());
        CompletableFuture<InferenceResult> a = batcher.submit(job(1, STANDARD, System.nanoTime()));
        CompletableFuture<InferenceResult> b = batcher.submit(job(1, STANDARD, System.nanoTime()));

        CompletableFuture<InferenceResult> refused = batcher.submit(job(1, REALTIME, System.nanoTime()));

        assertThat(refused).isCompletedExceptionally();
        assertThat(failureOf(refused)).isInstanceOf(QueueFullException.class)
                .hasMessage("queue full: 2 jobs waiting (capacity 2)");
        assertThat(batcher.queueCapacity()).isEqualTo(2);
        model.release();
        await(blocker);
        await(a);
        await(b);
        assertThat(batcher.submit(job(1, REALTIME, System.nanoTime()))).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void aListenerThatThrowsDoesNotHurt() throws Exception {
        BatchListener broken = new BatchListener() {
            @Override
            public void onBatch(int rows, int jobs, long computeNanos) {
                throw new IllegalStateException("listener bug");
            }
        };
        DynamicBatcher batcher = start(model, config(8, Duration.ZERO, List.of(), 100), 1, Ticker.system(), broken);

        assertThat(await(batcher.submit(job(1, STANDARD, System.nanoTime()))).batchRows()).isEqualTo(1);
        assertThat(await(batcher.submit(job(1, STANDARD, System.nanoTime()))).batchRows()).isEqualTo(1);
    }

    @Test
    void refusesZeroInstances() {
        assertThatThrownBy(() -> new DynamicBatcher(model, BatchingConfig.ofDefaults(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instances: 0 (expected: > 0)");
        assertThat(model.createdInstances()).isZero();
    }

    @Test
    void submitNeedsAJob() {
        DynamicBatcher batcher = start(BatchingConfig.ofDefaults());

        assertThatThrownBy(() -> batcher.submit((InferenceJob) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("job");
    }
}
