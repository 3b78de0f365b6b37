package dev.shunt.backend.gpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.schedule.InferenceJob;
import java.util.List;

/** What a free worker of the {@link DynamicBatcher} should do next, as {@link BatchQueue#plan(long)} decides it. */
sealed interface BatchPlan {

    /** Nothing is queued: wait for a job. */
    BatchPlan IDLE = new Idle();

    /**
     * Run these jobs now as one batch; they have left the queue.
     *
     * @param jobs at least one job, in priority order
     */
    record Dispatch(List<InferenceJob> jobs) implements BatchPlan {

        public Dispatch {
            jobs = List.copyOf(requireNonNull(jobs, "jobs"));
            if (jobs.isEmpty()) {
                throw new IllegalArgumentException("jobs: [] (expected: at least one job)");
            }
        }

        /** Rows in the batch. */
        int rows() {
            int rows = 0;
            for (InferenceJob job : jobs) {
                rows += job.rows();
            }
            return rows;
        }
    }

    /**
     * Jobs are queued but the batch may still grow: plan again at {@code untilNanos} (ticker time),
     * or sooner when a job arrives.
     *
     * @param untilNanos when the oldest job's delay is used up or the earliest deadline passes
     */
    record Wait(long untilNanos) implements BatchPlan {}

    /** The queue is empty. */
    record Idle() implements BatchPlan {}
}
