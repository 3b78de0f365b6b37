package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One backend as the gateway sees it at decision time.
 *
 * @param id {@code host:port}
 * @param healthy passes its health checks
 * @param circuitOpen its circuit breaker refuses calls
 * @param inFlight requests in flight to it
 * @param maxInFlight its bulkhead
 * @param recentLatency moving average of its answers, ZERO when unknown
 * @param weight share for weighted balancing (0 = drained)
 */
public record BackendSnapshot(String id, boolean healthy, boolean circuitOpen, int inFlight, int maxInFlight,
        Duration recentLatency, int weight) {

    public BackendSnapshot {
        requireNonNull(id, "id");
        if (inFlight < 0) {
            throw new IllegalArgumentException("inFlight: " + inFlight + " (expected: >= 0)");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: > 0)");
        }
        requireNonNull(recentLatency, "recentLatency");
        if (weight < 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
        }
    }

    /** Healthy, circuit closed, and room in its bulkhead. */
    public boolean available() {
        return healthy && !circuitOpen && inFlight < maxInFlight;
    }

    /** Healthy and circuit closed, full or not. */
    public boolean serving() {
        return healthy && !circuitOpen;
    }
}
