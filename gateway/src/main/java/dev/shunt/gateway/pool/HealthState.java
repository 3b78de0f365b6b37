package dev.shunt.gateway.pool;

/**
 * A backend's health with hysteresis. It starts {@link Health#UNKNOWN} and is not admitted until a check
 * passes: the first pass makes it healthy at once, {@code fall} failures in a row unhealthy. Healthy
 * turns unhealthy after {@code fall} failures in a row, unhealthy healthy after {@code rise} passes in a
 * row. Thread-safe.
 */
final class HealthState {

    private final int rise;
    private final int fall;
    private Health health;
    private int streak;

    HealthState(int rise, int fall) {
        this(rise, fall, Health.UNKNOWN);
    }

    /** Starting in {@code initial}: {@link Health#HEALTHY} for backends nobody checks. */
    HealthState(int rise, int fall, Health initial) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise/fall: " + rise + "/" + fall + " (expected: >= 1)");
        }
        this.rise = rise;
        this.fall = fall;
        this.health = initial;
    }

    /** Records one check; returns true when the state changed. */
    synchronized boolean record(boolean passed) {
        Health next = switch (health) {
            case UNKNOWN -> passed ? Health.HEALTHY : afterStreak(fall, Health.UNHEALTHY);
            case HEALTHY -> passed ? stay() : afterStreak(fall, Health.UNHEALTHY);
            case UNHEALTHY -> passed ? afterStreak(rise, Health.HEALTHY) : stay();
        };
        if (next == health) {
            return false;
        }
        health = next;
        streak = 0;
        return true;
    }

    /** A check that confirms the state: any streak towards the other one is broken. */
    private Health stay() {
        streak = 0;
        return health;
    }

    /** A check towards {@code target}: reached after {@code needed} in a row. */
    private Health afterStreak(int needed, Health target) {
        streak++;
        return streak >= needed ? target : health;
    }

    synchronized Health health() {
        return health;
    }

    synchronized boolean healthy() {
        return health == Health.HEALTHY;
    }
}
