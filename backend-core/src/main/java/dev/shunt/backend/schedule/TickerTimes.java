package dev.shunt.backend.schedule;

/** Arithmetic on {@link Ticker} times, where {@link #NEVER} ({@link Long#MAX_VALUE}) is the time that never comes. */
public final class TickerTimes {

    /** The time that never comes: no deadline, no planned wake-up. */
    public static final long NEVER = Long.MAX_VALUE;

    private TickerTimes() {}

    /** The sooner of two ticker times (overflow-safe, as {@link System#nanoTime()} values compare). */
    public static long sooner(long a, long b) {
        if (a == NEVER) {
            return b;
        }
        if (b == NEVER) {
            return a;
        }
        return b - a < 0 ? b : a;
    }

    /** Whether {@code a} comes strictly before {@code b}; {@link #NEVER} comes before nothing. */
    public static boolean before(long a, long b) {
        if (a == NEVER) {
            return false;
        }
        return b == NEVER || a - b < 0;
    }
}
