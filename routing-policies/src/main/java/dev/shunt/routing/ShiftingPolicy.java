package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Traffic shifting as part of route selection (the way Envoy weights clusters): when the cluster
 * carries a shift, its share of the inner policy's routes goes to the candidate pool (reason
 * {@code cutover}) while that pool can serve; otherwise the request stays where the inner policy sent it.
 * Decorators outside it (shedding) then judge the pool the request really goes to.
 */
final class ShiftingPolicy implements RoutingPolicy {

    static final String REASON = "cutover";

    private final RoutingPolicy inner;

    ShiftingPolicy(RoutingPolicy inner) {
        this.inner = requireNonNull(inner, "inner");
    }

    @Override
    public Decision decide(RequestProfile profile, ClusterSnapshot cluster) {
        Decision decision = inner.decide(profile, cluster);
        if (cluster.shift().isEmpty() || !(decision instanceof Decision.Route route)) {
            return decision;
        }
        TrafficShift shift = cluster.shift().get();
        if (route.pool().equals(shift.candidatePool()) || !shift.nextToCandidate()) {
            return decision;
        }
        Optional<PoolSnapshot> candidate = cluster.pool(shift.candidatePool());
        if (candidate.isEmpty() || !candidate.get().canServe()) {
            return decision;
        }
        return new Decision.Route(shift.candidatePool(), REASON, Optional.empty(), Optional.of(route.pool()));
    }
}
