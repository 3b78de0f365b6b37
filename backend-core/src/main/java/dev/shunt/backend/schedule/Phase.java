package dev.shunt.backend.schedule;

/** Where a {@link SchedulerCore} is in its life; it only moves forward. */
enum Phase {
    /** Admitting and running jobs. */
    RUNNING,
    /** Admitting nothing; running what is queued, without waiting for more, until the grace ends. */
    DRAINING,
    /** Running nothing more; what was queued or running has been failed. */
    STOPPED
}
