package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** Every pool at decision time, by name. */
public record ClusterSnapshot(Map<String, PoolSnapshot> pools) {

    public ClusterSnapshot {
        pools = Map.copyOf(requireNonNull(pools, "pools"));
    }

    /** The named pool, if configured. */
    public Optional<PoolSnapshot> pool(String name) {
        return Optional.ofNullable(pools.get(name));
    }
}
