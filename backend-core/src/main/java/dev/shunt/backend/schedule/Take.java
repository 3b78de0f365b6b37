package dev.shunt.backend.schedule;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What a worker of a {@link SchedulerCore} should do next, as its {@link JobTaker} decides it. */
public sealed interface Take {

    /** Run these jobs now, on one model call or one after another; they have left the queue. */
    static Take run(List<InferenceJob> jobs) {
        return new Run(jobs);
    }

    /** Jobs are queued but not worth running yet: look again at {@code untilNanos} (ticker time). */
    static Take waitUntil(long untilNanos) {
        return new Wait(untilNanos);
    }

    /** Nothing is queued. */
    static Take idle() {
        return Idle.INSTANCE;
    }

    /**
     * Run these jobs now.
     *
     * @param jobs at least one job, in the order the taker chose
     */
    record Run(List<InferenceJob> jobs) implements Take {

        public Run {
            jobs = List.copyOf(requireNonNull(jobs, "jobs"));
            if (jobs.isEmpty()) {
                throw new IllegalArgumentException("jobs: [] (expected: at least one job)");
            }
        }
    }

    /**
     * Look again at {@code untilNanos}, or sooner when a job arrives.
     *
     * @param untilNanos ticker time, later than the time the taker was asked at
     */
    record Wait(long untilNanos) implements Take {}

    /** The queue is empty: wait for a job. */
    enum Idle implements Take {
        INSTANCE
    }
}
