package dev.shunt.backend.gpu;

/** Arithmetic on {@link dev.shunt.backend.schedule.Ticker} times, where {@link Long#MAX_VALUE} means "never". */
final class TickerTimes {

    /** The time that never comes. */
    static final long NEVER = Long.MAX_VALUE;

    private TickerTimes() {}

    /** The sooner of two ticker times (overflow-safe, as {@link System#nanoTime()} values compare). */
    static long sooner(long a, long b) {
        if (a == NEVER) {
            return b;
        }
        if (b == NEVER) {
            return a;
        }
        return b - a < 0 ? b : a;
    }
}
