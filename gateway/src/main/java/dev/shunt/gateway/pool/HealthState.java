package dev.shunt.gateway.pool;

/**
 * A backend's health with hysteresis: healthy after {@code rise} passing checks in a row, unhealthy
 * after {@code fall} failing ones. Starts unhealthy (unknown) until it has risen once. Thread-safe.
 */
final class HealthState {

    private final int rise;
    private final int fall;
    private boolean healthy;
    private int streak;

    HealthState(int rise, int fall, boolean initiallyHealthy) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise/fall: " + rise + "/" + fall + " (expected: >= 1)");
        }
        this.rise = rise;
        this.fall = fall;
        this.healthy = initiallyHealthy;
    }

    /** Records one check; returns true when the state changed. */
    synchronized boolean record(boolean passed) {
        if (passed == healthy) {
            streak = 0;
            return false;
        }
        streak++;
        if (streak >= (healthy ? fall : rise)) {
            healthy = passed;
            streak = 0;
            return true;
        }
        return false;
    }

    synchronized boolean healthy() {
        return healthy;
    }
}
