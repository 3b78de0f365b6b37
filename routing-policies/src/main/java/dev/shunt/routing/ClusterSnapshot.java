package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * What a policy decides on: the pools a route may use, by name, at decision time, and the route's
 * traffic shift when a cutover is in progress.
 */
public record ClusterSnapshot(Map<String, PoolSnapshot> pools, Optional<TrafficShift> shift) {

    public ClusterSnapshot {
        pools = Map.copyOf(requireNonNull(pools, "pools"));
        requireNonNull(shift, "shift");
    }

    /** Pools without a traffic shift. */
    public ClusterSnapshot(Map<String, PoolSnapshot> pools) {
        this(pools, Optional.empty());
    }

    /** The named pool, if configured. */
    public Optional<PoolSnapshot> pool(String name) {
        return Optional.ofNullable(pools.get(name));
    }
}
