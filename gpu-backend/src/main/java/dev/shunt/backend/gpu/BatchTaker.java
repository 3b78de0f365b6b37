package dev.shunt.backend.gpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.JobTaker;
import dev.shunt.backend.schedule.Take;
import java.util.List;

/** The GPU server's {@link JobTaker}: the {@link BatchQueue}'s plans, as the scheduler core reads them. */
final class BatchTaker implements JobTaker {

    private final BatchQueue queue;
    private final int capacity;

    BatchTaker(BatchingConfig config) {
        requireNonNull(config, "config");
        this.queue = new BatchQueue(config);
        this.capacity = config.queueCapacity();
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
        return queue.offer(job);
    }

    @Override
    public List<InferenceJob> expire(long nowNanos) {
        return queue.expire(nowNanos);
    }

    @Override
    public long nextDeadline() {
        return queue.nextDeadline();
    }

    @Override
    public Take next(long nowNanos) {
        return take(queue.plan(nowNanos));
    }

    @Override
    public Take flush() {
        return take(queue.flush());
    }

    @Override
    public List<InferenceJob> drain() {
        return queue.drain();
    }

    private static Take take(BatchPlan plan) {
        if (plan instanceof BatchPlan.Dispatch dispatch) {
            return Take.run(dispatch.jobs());
        }
        if (plan instanceof BatchPlan.Wait wait) {
            return Take.waitUntil(wait.untilNanos());
        }
        return Take.idle();
    }
}
