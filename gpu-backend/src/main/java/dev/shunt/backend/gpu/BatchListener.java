package dev.shunt.backend.gpu;

import dev.shunt.vocabulary.LatencyClass;

/**
 * Hears what a {@link DynamicBatcher} does, e.g. to record a batch-size histogram. Called from the
 * batcher's threads before the futures concerned complete, so a client that has its answer sees the
 * batch counted; implementations must be thread-safe, quick, and must not block; what they throw is
 * ignored.
 */
public interface BatchListener {

    /** A listener that does nothing. */
    static BatchListener noop() {
        return NoopBatchListener.INSTANCE;
    }

    /**
     * A batch ran on the model, successfully or not.
     *
     * @param rows rows in the batch
     * @param jobs jobs in the batch
     * @param computeNanos time from the start of the batch to the model's return
     */
    default void onBatch(int rows, int jobs, long computeNanos) {}

    /** A job's deadline passed in the queue; it was answered with a deadline error and not run. */
    default void onExpired(LatencyClass latencyClass) {}
}
