package dev.shunt.loadtest.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Simulated time as a {@link Clock} for the policies: nanoseconds since a fixed origin, moved only by the event loop. */
final class SimClock extends Clock {

    static final Instant ORIGIN = Instant.parse("2026-12-02T00:00:00Z");

    private long nowNanos;

    long nanos() {
        return nowNanos;
    }

    void advanceTo(long nanos) {
        if (nanos < nowNanos) {
            throw new IllegalStateException("time: " + nanos + " (expected: >= " + nowNanos + ")");
        }
        nowNanos = nanos;
    }

    /** The instant of a simulated time. */
    static Instant at(long nanos) {
        return ORIGIN.plusNanos(nanos);
    }

    @Override
    public Instant instant() {
        return at(nowNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
