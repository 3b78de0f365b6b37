package dev.shunt.gateway.cutover;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a fixed share of requests one way by counting, not by a random draw: request {@code n}
 * (from 1) goes to the candidate when {@code ceil(n * w / 100)} grows, so after {@code n} requests
 * exactly {@code ceil(n * w / 100)} went, and any run of {@code k} requests sends {@code floor} or
 * {@code ceil} of {@code k * w / 100}. One atomic increment a request; a fresh instance a step.
 */
public final class CountingSplit {

    /** 100 percent in parts per million: steps have at most four decimals, so this is exact. */
    static final long SCALE = 1_000_000;

    static final CountingSplit NONE = new CountingSplit(0);
    static final CountingSplit ALL = new CountingSplit(100);

    private final double percent;
    private final long parts;
    private final AtomicLong seen = new AtomicLong();

    /** A split sending {@code percent} (0..100, at most four decimals matter) of requests one way. */
    public CountingSplit(double percent) {
        this.percent = percent;
        this.parts = Math.round(percent * (SCALE / 100));
    }

    /** The configured share, in percent. */
    public double percent() {
        return percent;
    }

    /** Counts one request; true when it goes to the candidate. */
    public boolean next() {
        if (parts <= 0) {
            return false;
        }
        if (parts >= SCALE) {
            return true;
        }
        // the pattern repeats every SCALE requests, which keeps the products far from overflow
        long r = Math.floorMod(seen.getAndIncrement(), SCALE);
        return ceilDiv((r + 1) * parts) > ceilDiv(r * parts);
    }

    private static long ceilDiv(long x) {
        return (x + SCALE - 1) / SCALE;
    }
}
