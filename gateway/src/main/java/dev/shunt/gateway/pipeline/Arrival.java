package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;

/**
 * When a request arrived: the first call of the listener's request handler, which Vert.x makes as soon
 * as the request line and headers are decoded, in the same event-loop read that brought those bytes in
 * (before the body is read, before any route or policy runs). Every figure of the request counts from
 * here: its deadline, the time left for the upstream call, {@code shunt_request_duration_seconds},
 * {@code shunt_goodput_total} and {@code shunt_late_total}, and the access log's milliseconds. Time the
 * bytes spent in the kernel's socket buffer while the event loop was busy elsewhere is not seen by any
 * code in the JVM (Netty's epoll transport exposes no receive timestamps for TCP), so it is not counted.
 *
 * @param nanos {@link System#nanoTime()} at arrival, for durations
 * @param instant the gateway clock's time at arrival, for the deadline
 */
public record Arrival(long nanos, Instant instant) {

    public Arrival {
        requireNonNull(instant, "instant");
    }

    /** Now, by {@code clock} and {@link System#nanoTime()}. */
    public static Arrival now(Clock clock) {
        return new Arrival(System.nanoTime(), clock.instant());
    }
}
