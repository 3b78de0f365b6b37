package dev.shunt.backend.schedule;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** {@link JobTaker#fifo(int)}: one job per take, in arrival order, whatever its latency class. */
final class FifoTaker implements JobTaker {

    private final int capacity;
    private final ArrayDeque<InferenceJob> queue;

    FifoTaker(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public boolean offer(InferenceJob job) {
        requireNonNull(job, "job");
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(job);
        return true;
    }

    @Override
    public List<InferenceJob> expire(long nowNanos) {
        return QueuedJobs.removeExpired(queue, nowNanos, List.of());
    }

    @Override
    public long nextDeadline() {
        return QueuedJobs.earliestDeadline(queue, TickerTimes.NEVER);
    }

    @Override
    public Take next(long nowNanos) {
        return flush();
    }

    @Override
    public Take flush() {
        InferenceJob job = queue.pollFirst();
        return job == null ? Take.idle() : Take.run(List.of(job));
    }

    @Override
    public List<InferenceJob> drain() {
        List<InferenceJob> all = new ArrayList<>(queue);
        queue.clear();
        return all;
    }
}
