package dev.shunt.backend.cpu;

/**
 * The size of a {@link WorkerPoolScheduler}.
 *
 * @param workers worker threads, each with its own model instance (see {@link WorkerSizing})
 * @param queueCapacity the most jobs that may wait; over it a job fails with a queue-full error
 */
public record WorkerPoolConfig(int workers, int queueCapacity) {

    public WorkerPoolConfig {
        if (workers < 1) {
            throw new IllegalArgumentException(String.format("workers: %s (expected: > 0)", workers));
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(String.format("queueCapacity: %s (expected: > 0)", queueCapacity));
        }
    }
}
