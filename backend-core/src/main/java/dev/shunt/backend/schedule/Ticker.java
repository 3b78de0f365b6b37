package dev.shunt.backend.schedule;

/** A source of monotonic nanoseconds; injected so tests can drive time with a fake. */
@FunctionalInterface
public interface Ticker {

    /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The system's monotonic clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
