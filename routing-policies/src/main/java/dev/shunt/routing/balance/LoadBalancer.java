package dev.shunt.routing.balance;

import dev.shunt.routing.BackendSnapshot;
import dev.shunt.routing.PoolSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Picks a backend inside a pool, among the available ones (healthy, circuit closed, room in the
 * bulkhead) that were not already tried for this request.
 */
@FunctionalInterface
public interface LoadBalancer {

    /** A backend, or empty when none is available. */
    Optional<BackendSnapshot> pick(PoolSnapshot pool, Set<String> excludedIds);

    /** Power of two choices on in-flight requests, ties by lower recent latency. */
    static LoadBalancer ofPowerOfTwoChoices(RandomGenerator random) {
        return new PowerOfTwoChoicesBalancer(random);
    }

    /** In turn. */
    static LoadBalancer ofRoundRobin() {
        return new RoundRobinBalancer();
    }

    /** In proportion to weights (canaries, e.g. 95/5); weight 0 is never picked. */
    static LoadBalancer ofWeighted(RandomGenerator random) {
        return new WeightedBalancer(random);
    }

    /** The candidates every balancer chooses among. */
    static List<BackendSnapshot> candidates(PoolSnapshot pool, Set<String> excludedIds) {
        List<BackendSnapshot> out = new java.util.ArrayList<>(pool.backends().size());
        for (BackendSnapshot b : pool.backends()) {
            if (b.available() && !excludedIds.contains(b.id())) {
                out.add(b);
            }
        }
        return out;
    }
}
