package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A pool's backends at decision time. */
public record PoolSnapshot(String name, List<BackendSnapshot> backends) {

    public PoolSnapshot {
        requireNonNull(name, "name");
        backends = List.copyOf(requireNonNull(backends, "backends"));
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
