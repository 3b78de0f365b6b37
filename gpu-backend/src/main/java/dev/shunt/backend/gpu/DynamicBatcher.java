package dev.shunt.backend.gpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.SchedulerCore;
import dev.shunt.backend.schedule.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A scheduler that batches jobs dynamically, like Triton's dynamic batcher: the shared
 * {@link SchedulerCore} with {@code instances} worker threads ({@code shunt-gpu-worker-1..N}), each with
 * its own model instance, that ask a {@link BatchQueue} what to run whenever a job arrives, they come
 * free or a planned wait ends. While every instance is busy the queue keeps filling, so batches grow
 * with load.
 *
 * <p>Every future of a batch is completed, on success and on failure (a
 * {@link dev.shunt.backend.error.ModelExecutionException} for the whole batch when the model fails).
 * Jobs whose deadline passes in the queue fail with a
 * {@link dev.shunt.backend.error.DeadlineExceededException} at that deadline and never reach the model.
 * {@link #shutdown(Duration)} stops admitting, sends what is queued without waiting for the queue
 * delay, and after the grace fails what is left with a
 * {@link dev.shunt.backend.error.ShuttingDownException}.
 */
public final class DynamicBatcher implements InferenceScheduler {

    private final SchedulerCore core;

    /** A batcher on the system clock that reports to nobody. */
    public DynamicBatcher(ServedModel model, BatchingConfig config, int instances) {
        this(model, config, instances, Ticker.system(), BatchListener.noop());
    }

    /**
     * Starts {@code instances} worker threads, each creating its own model instance, and returns once
     * they all have one.
     *
     * @param instances model instances that may run batches at once (1, or 2 to overlap host work
     *     with device compute)
     * @param ticker the clock of jobs' admission times, deadlines, the queue delay and the grace
     * @throws IllegalStateException when a worker could not create its instance
     */
    public DynamicBatcher(ServedModel model, BatchingConfig config, int instances, Ticker ticker,
            BatchListener listener) {
        requireNonNull(model, "model");
        requireNonNull(config, "config");
        requireNonNull(ticker, "ticker");
        requireNonNull(listener, "listener");
        if (instances < 1) {
            throw new IllegalArgumentException("instances: " + instances + " (expected: > 0)");
        }
        this.core = SchedulerCore.builder(model, new BatchTaker(config), new BatchRunner(ticker, listener))
                .threadPrefix("shunt-gpu")
                .workers(instances)
                .ticker(ticker)
                .defaultDeadline(config.defaultQueueTimeout())
                .onExpired(job -> listener.onExpired(job.latencyClass()))
                .start();
    }

    @Override
    public CompletableFuture<InferenceResult> submit(InferenceJob job) {
        return core.submit(job);
    }

    @Override
    public int queueDepth() {
        return core.queueDepth();
    }

    @Override
    public int running() {
        return core.running();
    }

    @Override
    public int queueCapacity() {
        return core.queueCapacity();
    }

    @Override
    public CompletableFuture<Void> shutdown(Duration grace) {
        return core.shutdown(grace);
    }

    /** Stops at once, failing what is queued or running; closes idle instances now, busy ones when the model returns. */
    @Override
    public void close() {
        core.close();
    }

    /** Makes the workers plan again now (tests that move a fake ticker). */
    void wakeUp() {
        core.wakeUp();
    }
}
