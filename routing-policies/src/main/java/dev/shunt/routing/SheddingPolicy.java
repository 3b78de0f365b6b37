package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

/** Sheds by class under load ({@code shed:batch}, ...) after the inner policy chose a pool; see {@link SheddingConfig}. */
final class SheddingPolicy implements RoutingPolicy {

    private final RoutingPolicy inner;
    private final SheddingConfig config;

    SheddingPolicy(RoutingPolicy inner, SheddingConfig config) {
        this.inner = requireNonNull(inner, "inner");
        this.config = requireNonNull(config, "config");
    }

    @Override
    public Decision decide(RequestProfile profile, ClusterSnapshot cluster) {
        Decision decision = inner.decide(profile, cluster);
        if (!(decision instanceof Decision.Route route)) {
            return decision;
        }
        double threshold = config.thresholds().get(profile.latencyClass());
        if (threshold >= 1) {
            return decision;
        }
        double load = cluster.pool(route.pool()).map(PoolSnapshot::load).orElse(1.0);
        if (load >= threshold) {
            return new Decision.Reject(Rejection.SHED, "shed:" + profile.latencyClass().wireName());
        }
        return decision;
    }
}
