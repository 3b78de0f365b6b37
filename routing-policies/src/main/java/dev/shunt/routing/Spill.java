package dev.shunt.routing;

import java.util.Optional;

/** The shared last step of every policy: the chosen pool if it can serve, else its spill pool, else a rejection. */
final class Spill {

    private Spill() {}

    static Decision routeOrSpill(String target, Optional<String> spill, ClusterSnapshot cluster, String reason) {
        Optional<PoolSnapshot> pool = cluster.pool(target);
        if (pool.isPresent() && pool.get().canServe()) {
            return new Decision.Route(target, reason);
        }
        boolean saturated = pool.isPresent() && pool.get().saturated();
        if (spill.isPresent()) {
            Optional<PoolSnapshot> other = cluster.pool(spill.get());
            if (other.isPresent() && other.get().canServe()) {
                Spillover spilled = new Spillover(target, saturated ? Spillover.Cause.SATURATED : Spillover.Cause.DOWN);
                return new Decision.Route(spill.get(), spilled.reason(), Optional.of(spilled), Optional.empty());
            }
            saturated |= other.isPresent() && other.get().saturated();
        }
        return saturated
                ? new Decision.Reject(Rejection.OVERLOADED, "all-pools-saturated")
                : new Decision.Reject(Rejection.NO_BACKEND, "no-healthy-backend");
    }
}
