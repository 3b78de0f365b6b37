package dev.shunt.routing.balance;

import static java.util.Objects.requireNonNull;

import dev.shunt.routing.BackendSnapshot;
import dev.shunt.routing.PoolSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Samples two distinct candidates and takes the one with fewer in flight, then lower latency, then the first. */
final class PowerOfTwoChoicesBalancer implements LoadBalancer {

    private final RandomGenerator random;

    PowerOfTwoChoicesBalancer(RandomGenerator random) {
        this.random = requireNonNull(random, "random");
    }

    @Override
    public Optional<BackendSnapshot> pick(PoolSnapshot pool, Set<String> excludedIds) {
        List<BackendSnapshot> candidates = LoadBalancer.candidates(pool, excludedIds);
        if (candidates.size() <= 1) {
            return candidates.stream().findFirst();
        }
        int first;
        int second;
        synchronized (random) {
            first = random.nextInt(candidates.size());
            second = random.nextInt(candidates.size() - 1);
        }
        if (second >= first) {
            second++;
        }
        BackendSnapshot a = candidates.get(first);
        BackendSnapshot b = candidates.get(second);
        if (a.inFlight() != b.inFlight()) {
            return Optional.of(a.inFlight() < b.inFlight() ? a : b);
        }
        return Optional.of(b.recentLatency().compareTo(a.recentLatency()) < 0 ? b : a);
    }
}
