package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import dev.shunt.routing.latency.ServiceCurve;
import java.util.List;
import java.util.Optional;

/**
 * A pool's backends at decision time, and its latency as learned so far (empty when the gateway does
 * not learn it for this pool).
 *
 * @param slowdown how much longer its recent answers took, end to end as the gateway saw them, than its
 *     curve foretold for them when they were sent (HTTP, decoding, a CPU shared with other work: what
 *     the backends' compute time leaves out); 1 until learned
 */
public record PoolSnapshot(String name, List<BackendSnapshot> backends, Optional<ServiceCurve> curve, double slowdown) {

    public PoolSnapshot {
        requireNonNull(name, "name");
        backends = List.copyOf(requireNonNull(backends, "backends"));
        requireNonNull(curve, "curve");
        if (!(slowdown > 0) || Double.isInfinite(slowdown)) {
            throw new IllegalArgumentException("slowdown: " + slowdown + " (expected: a finite value > 0)");
        }
    }

    /** A pool whose slowdown is not learned (1). */
    public PoolSnapshot(String name, List<BackendSnapshot> backends, Optional<ServiceCurve> curve) {
        this(name, backends, curve, 1);
    }

    /** A pool whose latency is not learned. */
    public PoolSnapshot(String name, List<BackendSnapshot> backends) {
        this(name, backends, Optional.empty(), 1);
    }

    /** The fewest requests in flight on a backend that could take one now; -1 when none can. */
    public int leastInFlight() {
        int least = -1;
        for (BackendSnapshot b : backends) {
            if (b.available() && (least < 0 || b.inFlight() < least)) {
                least = b.inFlight();
            }
        }
        return least;
    }

    /** Some backend is healthy with its circuit closed. */
    public boolean hasHealthyBackend() {
        for (BackendSnapshot b : backends) { // called several times per decision: a loop, not a stream
            if (b.serving()) {
                return true;
            }
        }
        return false;
    }

    /** Some backend could take a request now. */
    public boolean canServe() {
        for (BackendSnapshot b : backends) {
            if (b.available()) {
                return true;
            }
        }
        return false;
    }

    /** Has serving backends, but every one is at its bulkhead. */
    public boolean saturated() {
        return hasHealthyBackend() && !canServe();
    }

    /** In flight over the serving backends' capacity, 0..1; 1 when nothing serves. */
    public double load() {
        int inFlight = 0;
        int capacity = 0;
        for (BackendSnapshot b : backends) {
            if (b.serving()) {
                inFlight += b.inFlight();
                capacity += b.maxInFlight();
            }
        }
        return capacity == 0 ? 1 : Math.min(1, (double) inFlight / capacity);
    }
}
