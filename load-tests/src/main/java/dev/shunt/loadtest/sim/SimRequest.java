package dev.shunt.loadtest.sim;

import dev.shunt.vocabulary.LatencyClass;

/** One simulated request: what it is, when it arrived and by when its client waits (simulated nanoseconds). */
final class SimRequest {

    final LatencyClass latencyClass;
    final int rows;
    final long arrival;
    final long deadline;
    final boolean counted;
    /** When it reached its backend's queue. */
    long queuedAt;
    /** Where it is: {@link #NEW}, {@link #QUEUED}, {@link #RUNNING} or {@link #DONE}. */
    int state = NEW;

    static final int NEW = 0;
    static final int QUEUED = 1;
    static final int RUNNING = 2;
    static final int DONE = 3;

    /**
     * @param counted arrived in the measured window (after the warm-up)
     */
    SimRequest(LatencyClass latencyClass, int rows, long arrival, long deadline, boolean counted) {
        this.latencyClass = latencyClass;
        this.rows = rows;
        this.arrival = arrival;
        this.deadline = deadline;
        this.counted = counted;
    }
}
