package dev.shunt.backend.gpu;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * How the {@link DynamicBatcher} forms batches, in the manner of Triton's dynamic batcher.
 *
 * @param maxBatchSize the most rows in one batch; a single job with more rows runs alone
 * @param maxQueueDelay how long the oldest job may wait for a batch to fill; zero sends at once
 * @param preferredBatchSizes row counts sent as soon as the queue holds exactly one of them (in
 *     priority order); ascending, distinct, each in {@code 1..maxBatchSize}; may be empty
 * @param queueCapacity the most jobs that may wait; over it jobs are refused as queue-full
 * @param defaultQueueTimeout the deadline given to jobs that carry none, counted from admission;
 *     {@link Duration#ZERO} for none
 */
public record BatchingConfig(
        int maxBatchSize,
        Duration maxQueueDelay,
        List<Integer> preferredBatchSizes,
        int queueCapacity,
        Duration defaultQueueTimeout) {

    private static final Duration MAX_QUEUE_DELAY = Duration.ofHours(1);
    private static final Duration MAX_QUEUE_TIMEOUT = Duration.ofHours(24);

    public BatchingConfig {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize: " + maxBatchSize + " (expected: > 0)");
        }
        requireNonNull(maxQueueDelay, "maxQueueDelay");
        if (maxQueueDelay.isNegative() || maxQueueDelay.compareTo(MAX_QUEUE_DELAY) > 0) {
            throw new IllegalArgumentException(
                    "maxQueueDelay: " + maxQueueDelay + " (expected: >= 0 and <= " + MAX_QUEUE_DELAY + ")");
        }
        preferredBatchSizes = List.copyOf(requireNonNull(preferredBatchSizes, "preferredBatchSizes"));
        int previous = 0;
        for (int size : preferredBatchSizes) {
            if (size <= previous || size > maxBatchSize) {
                throw new IllegalArgumentException("preferredBatchSizes: " + preferredBatchSizes
                        + " (expected: ascending, distinct, each in 1.." + maxBatchSize + ")");
            }
            previous = size;
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: > 0)");
        }
        requireNonNull(defaultQueueTimeout, "defaultQueueTimeout");
        if (defaultQueueTimeout.isNegative() || defaultQueueTimeout.compareTo(MAX_QUEUE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("defaultQueueTimeout: " + defaultQueueTimeout
                    + " (expected: >= 0 and <= " + MAX_QUEUE_TIMEOUT + ", 0 for none)");
        }
    }

    /** 32 rows, 5 ms delay, no preferred sizes, 256 queued jobs, no default queue timeout. */
    public static BatchingConfig ofDefaults() {
        return new BatchingConfig(32, Duration.ofMillis(5), List.of(), 256, Duration.ZERO);
    }

    /** Whether jobs without a deadline get {@link #defaultQueueTimeout()}. */
    public boolean hasDefaultQueueTimeout() {
        return !defaultQueueTimeout.isZero();
    }
}
