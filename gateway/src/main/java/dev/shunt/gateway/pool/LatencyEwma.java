package dev.shunt.gateway.pool;

import java.util.concurrent.atomic.AtomicLong;

/** An exponentially weighted moving average of a backend's latency (nanoseconds), lock-free. */
final class LatencyEwma {

    private static final double ALPHA = 0.2;

    private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));

    void record(long nanos) {
        bits.getAndUpdate(old -> {
            double prev = Double.longBitsToDouble(old);
            double next = prev == 0 ? nanos : prev + ALPHA * (nanos - prev);
            return Double.doubleToLongBits(next);
        });
    }

    /** Forgets what was recorded: the next value starts the average again. */
    void reset() {
        bits.set(Double.doubleToLongBits(0));
    }

    /** The average, 0 when nothing was recorded yet. */
    long nanos() {
        return (long) Double.longBitsToDouble(bits.get());
    }
}
