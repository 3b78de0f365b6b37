package dev.shunt.backend.schedule;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A batching taker for the core's tests: it runs jobs two at a time, and a lone job once it has
 * waited {@code delay}; it shows the core honouring a {@link Take.Wait} and a flush.
 */
final class PairTaker implements JobTaker {

    private final int capacity;
    private final long delayNanos;
    private final ArrayDeque<InferenceJob> queue = new ArrayDeque<>();

    PairTaker(int capacity, Duration delay) {
        this.capacity = capacity;
        this.delayNanos = delay.toNanos();
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
        return queue.size() < capacity && queue.add(job);
    }

    @Override
    public List<InferenceJob> expire(long nowNanos) {
        List<InferenceJob> expired = new ArrayList<>();
        queue.removeIf(job -> job.expiredAt(nowNanos) && expired.add(job));
        return expired;
    }

    @Override
    public long nextDeadline() {
        return queue.stream().mapToLong(InferenceJob::deadlineNanos).reduce(TickerTimes.NEVER, TickerTimes::sooner);
    }

    @Override
    public Take next(long nowNanos) {
        if (queue.isEmpty()) {
            return Take.idle();
        }
        long due = queue.peekFirst().enqueuedNanos() + delayNanos;
        return queue.size() >= 2 || nowNanos - due >= 0 ? flush() : Take.waitUntil(due);
    }

    @Override
    public Take flush() {
        List<InferenceJob> jobs = new ArrayList<>(2);
        while (jobs.size() < 2 && !queue.isEmpty()) {
            jobs.add(queue.pollFirst());
        }
        return jobs.isEmpty() ? Take.idle() : Take.run(jobs);
    }

    @Override
    public List<InferenceJob> drain() {
        List<InferenceJob> all = new ArrayList<>(queue);
        queue.clear();
        return all;
    }
}
