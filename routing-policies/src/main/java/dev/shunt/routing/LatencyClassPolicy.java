package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import dev.shunt.vocabulary.LatencyClass;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Routes by latency class to a pool per class, reason {@code class=<name>}; no spill. */
final class LatencyClassPolicy implements RoutingPolicy {

    private final Map<LatencyClass, String> poolByClass;

    LatencyClassPolicy(Map<LatencyClass, String> poolByClass) {
        requireNonNull(poolByClass, "poolByClass");
        for (LatencyClass c : LatencyClass.values()) {
            if (!poolByClass.containsKey(c)) {
                throw new IllegalArgumentException("poolByClass." + c.wireName() + ": missing (expected: a pool name)");
            }
        }
        this.poolByClass = new EnumMap<>(poolByClass);
    }

    @Override
    public Decision decide(RequestProfile profile, ClusterSnapshot cluster) {
        return Spill.routeOrSpill(poolByClass.get(profile.latencyClass()), Optional.empty(), cluster,
                "class=" + profile.latencyClass().wireName());
    }
}
