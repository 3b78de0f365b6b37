package dev.shunt.routing.balance;

import static java.util.Objects.requireNonNull;

import dev.shunt.routing.BackendSnapshot;
import dev.shunt.routing.PoolSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Picks a candidate with probability proportional to its weight. */
final class WeightedBalancer implements LoadBalancer {

    private final RandomGenerator random;

    WeightedBalancer(RandomGenerator random) {
        this.random = requireNonNull(random, "random");
    }

    @Override
    public Optional<BackendSnapshot> pick(PoolSnapshot pool, Set<String> excludedIds) {
        List<BackendSnapshot> candidates = LoadBalancer.candidates(pool, excludedIds).stream()
                .filter(b -> b.weight() > 0).toList();
        long total = candidates.stream().mapToLong(BackendSnapshot::weight).sum();
        if (total == 0) {
            return Optional.empty();
        }
        long ticket;
        synchronized (random) {
            ticket = random.nextLong(total);
        }
        for (BackendSnapshot b : candidates) {
            ticket -= b.weight();
            if (ticket < 0) {
                return Optional.of(b);
            }
        }
        return Optional.of(candidates.get(candidates.size() - 1));
    }
}
