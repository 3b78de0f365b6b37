package dev.shunt.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; starts at {@link #START}, on a 10-second boundary. */
public final class MutableClock extends Clock {

    /** Where every instance starts. */
    public static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

    private volatile Instant now = START;

    /** Moves the time forward. */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
