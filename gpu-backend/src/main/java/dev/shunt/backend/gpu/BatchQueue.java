package dev.shunt.backend.gpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.QueuedJobs;
import dev.shunt.backend.schedule.TickerTimes;
import dev.shunt.vocabulary.LatencyClass;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The pending jobs of a {@link DynamicBatcher} and the rules that turn them into batches; pure and
 * deterministic (time is passed in), not thread-safe.
 *
 * <p>Jobs are ordered by latency class (realtime, standard, batch), first-in first-out within a
 * class. A batch is the longest prefix of that order whose rows fit in {@code maxBatchSize} and whose
 * inputs can be concatenated with the first job's ({@link BatchAssembler#canBatch}). It is sent
 * <ol>
 *   <li>at once when it cannot grow: it holds {@code maxBatchSize} rows, or the next job does not fit
 *       (a first job larger than {@code maxBatchSize} goes alone, never split nor refused);
 *   <li>else at once as the largest prefix whose rows equal a preferred batch size;
 *   <li>else when the oldest queued job has waited {@code maxQueueDelay};
 *   <li>else the plan is to wait until that delay is used up or the earliest deadline passes.
 * </ol>
 * Callers remove expired jobs with {@link #expire(long)} before asking for a {@link #plan(long)}.
 */
final class BatchQueue {

    private static final LatencyClass[] PRIORITY = LatencyClass.values();

    private final BatchingConfig config;
    private final long maxQueueDelayNanos;
    private final List<ArrayDeque<InferenceJob>> byClass = new ArrayList<>(PRIORITY.length);
    private int size;

    BatchQueue(BatchingConfig config) {
        this.config = requireNonNull(config, "config");
        this.maxQueueDelayNanos = config.maxQueueDelay().toNanos();
        for (int i = 0; i < PRIORITY.length; i++) {
            byClass.add(new ArrayDeque<>());
        }
    }

    /** Queues the job; false when {@code queueCapacity} jobs already wait. */
    boolean offer(InferenceJob job) {
        requireNonNull(job, "job");
        if (size >= config.queueCapacity()) {
            return false;
        }
        byClass.get(job.latencyClass().ordinal()).addLast(job);
        size++;
        return true;
    }

    /** Jobs waiting. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Removes and returns the jobs whose deadline has passed at {@code nowNanos}, in priority order. */
    List<InferenceJob> expire(long nowNanos) {
        List<InferenceJob> expired = List.of();
        for (ArrayDeque<InferenceJob> queue : byClass) {
            expired = QueuedJobs.removeExpired(queue, nowNanos, expired);
        }
        size -= expired.size();
        return expired;
    }

    /** The earliest deadline of the queued jobs, or {@link Long#MAX_VALUE} when none has one. */
    long nextDeadline() {
        long earliest = Long.MAX_VALUE;
        for (ArrayDeque<InferenceJob> queue : byClass) {
            earliest = QueuedJobs.earliestDeadline(queue, earliest);
        }
        return earliest;
    }

    /** What to do at {@code nowNanos}; a {@link BatchPlan.Dispatch} takes its jobs out of the queue. */
    BatchPlan plan(long nowNanos) {
        if (size == 0) {
            return BatchPlan.IDLE;
        }
        List<InferenceJob> batch = new ArrayList<>();
        if (collect(batch)) {
            return take(batch.size());
        }
        int preferred = largestPreferredPrefix(batch);
        if (preferred > 0) {
            return take(preferred);
        }
        long oldest = Long.MAX_VALUE;
        long deadline = Long.MAX_VALUE;
        boolean first = true;
        for (ArrayDeque<InferenceJob> queue : byClass) {
            for (InferenceJob job : queue) {
                if (first || job.enqueuedNanos() - oldest < 0) {
                    oldest = job.enqueuedNanos();
                    first = false;
                }
                deadline = TickerTimes.sooner(deadline, job.deadlineNanos());
            }
        }
        if (nowNanos - oldest >= maxQueueDelayNanos) {
            return take(batch.size());
        }
        return new BatchPlan.Wait(TickerTimes.sooner(oldest + maxQueueDelayNanos, deadline));
    }

    /**
     * The batch that would be sent if the delay were used up (for draining at shutdown, when no
     * further job can join): a dispatch, or idle when the queue is empty.
     */
    BatchPlan flush() {
        if (size == 0) {
            return BatchPlan.IDLE;
        }
        List<InferenceJob> batch = new ArrayList<>();
        collect(batch);
        return take(batch.size());
    }

    /** Removes and returns every queued job, in priority order. */
    List<InferenceJob> drain() {
        List<InferenceJob> all = new ArrayList<>(size);
        for (ArrayDeque<InferenceJob> queue : byClass) {
            all.addAll(queue);
            queue.clear();
        }
        size = 0;
        return all;
    }

    /** Fills {@code batch} with the jobs that fit; true when the batch cannot grow any more. */
    private boolean collect(List<InferenceJob> batch) {
        int max = config.maxBatchSize();
        int rows = 0;
        InferenceJob head = null;
        for (ArrayDeque<InferenceJob> queue : byClass) {
            for (InferenceJob job : queue) {
                if (head == null) {
                    head = job;
                    batch.add(job);
                    rows = job.rows();
                    if (rows >= max) {
                        return true;
                    }
                    continue;
                }
                if (rows + job.rows() > max || !BatchAssembler.canBatch(head, job)) {
                    return true;
                }
                batch.add(job);
                rows += job.rows();
                if (rows == max) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The length of the longest prefix whose rows equal a preferred size, or 0. */
    private int largestPreferredPrefix(List<InferenceJob> batch) {
        List<Integer> preferred = config.preferredBatchSizes();
        if (preferred.isEmpty()) {
            return 0;
        }
        int best = 0;
        int rows = 0;
        for (int i = 0; i < batch.size(); i++) {
            rows += batch.get(i).rows();
            if (preferred.contains(rows)) {
                best = i + 1;
            }
        }
        return best;
    }

    /** Removes the first {@code count} jobs in priority order. */
    private BatchPlan.Dispatch take(int count) {
        List<InferenceJob> jobs = new ArrayList<>(count);
        for (ArrayDeque<InferenceJob> queue : byClass) {
            while (jobs.size() < count && !queue.isEmpty()) {
                jobs.add(queue.pollFirst());
            }
        }
        size -= jobs.size();
        return new BatchPlan.Dispatch(jobs);
    }
}
