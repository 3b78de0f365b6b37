package dev.shunt.backend.schedule;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs jobs on worker threads, never on the caller's. The CPU server runs each job alone on a
 * right-sized worker pool; the GPU server batches jobs dynamically; both on a {@link SchedulerCore}.
 *
 * <p>{@link #submit} never throws and never blocks: a job that cannot be admitted (queue full,
 * shutting down) gets its future completed exceptionally with a typed
 * {@link dev.shunt.backend.error.BackendException}.
 */
public interface InferenceScheduler extends AutoCloseable {

    /** Admits the job or fails its future at once; returns {@code job.result()}. */
    CompletableFuture<InferenceResult> submit(InferenceJob job);

    /** Jobs admitted and not yet started. */
    int queueDepth();

    /** Jobs running now. */
    int running();

    /** The most jobs that may wait; over it {@link #submit} fails with a queue-full error. */
    int queueCapacity();

    /**
     * Stops admitting, lets queued and running jobs finish within {@code grace}, then fails
     * whatever is left with a shutting-down error. The future completes when nothing runs.
     */
    CompletableFuture<Void> shutdown(Duration grace);

    /** Shuts down with no grace and releases the model instances. */
    @Override
    void close();
}
