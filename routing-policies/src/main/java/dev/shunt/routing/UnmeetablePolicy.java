package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Map;

/**
 * Refuses at admission ({@link Rejection#UNMEETABLE}, {@code deadline-unmeetable}) a request that the pool
 * its inner policy chose is not expected to answer before the request's deadline: its own service time
 * on the pool's learned curve plus the work queued ahead of it on the least busy backend (the requests
 * in flight there beyond its workers), times the pool's {@link PoolSnapshot#slowdown()} (what end-to-end
 * answers recently took over what the curve foretold). The estimate reads the requests in flight now,
 * not the wait the backends reported, so as soon as the backlog drains the next request is admitted
 * again; and a request for which some backend has nothing in flight is refused only when its own service
 * time, not slowed down, is past its deadline, so the pool keeps being tried and the slowdown learned.
 * A pool without a learned curve, or a decision that is not a route, passes as it is.
 */
final class UnmeetablePolicy implements RoutingPolicy {

    private final RoutingPolicy inner;
    private final Map<String, Integer> concurrency;
    private final Clock clock;

    /**
     * @param concurrency requests one backend of each pool works on at once; a pool not named counts 1
     */
    UnmeetablePolicy(RoutingPolicy inner, Map<String, Integer> concurrency, Clock clock) {
        this.inner = requireNonNull(inner, "inner");
        this.concurrency = Map.copyOf(requireNonNull(concurrency, "concurrency"));
        this.concurrency.forEach((pool, n) -> {
            if (n < 1) {
                throw new IllegalArgumentException("concurrency of pool " + pool + ": " + n + " (expected: >= 1)");
            }
        });
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Decision decide(RequestProfile profile, ClusterSnapshot cluster) {
        Decision decision = inner.decide(profile, cluster);
        if (!(decision instanceof Decision.Route route)) {
            return decision;
        }
        PoolSnapshot pool = cluster.pool(route.pool()).orElse(null);
        if (pool == null || pool.curve().isEmpty()) {
            return decision;
        }
        double backlog = CompletionEstimate.backlogNanos(pool, concurrency.getOrDefault(route.pool(), 1));
        if (Double.isNaN(backlog)) {
            return decision;
        }
        double service = pool.curve().get().serviceNanos(profile.batchSize());
        long remaining = profile.remaining(clock).toNanos();
        if (service > remaining) {
            return new Decision.Reject(Rejection.UNMEETABLE, "deadline-unmeetable");
        }
        if (pool.leastInFlight() == 0) {
            return decision; // an idle backend is tried whatever the slowdown says, so the slowdown keeps being learned
        }
        if (pool.slowdown() * (service + backlog) > remaining) {
            return new Decision.Reject(Rejection.UNMEETABLE, "deadline-unmeetable");
        }
        return decision;
    }
}
