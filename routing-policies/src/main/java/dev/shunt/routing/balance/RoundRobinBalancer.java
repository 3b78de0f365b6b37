package dev.shunt.routing.balance;

import dev.shunt.routing.BackendSnapshot;
import dev.shunt.routing.PoolSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Takes the candidates in turn. */
final class RoundRobinBalancer implements LoadBalancer {

    private final AtomicLong next = new AtomicLong();

    @Override
    public Optional<BackendSnapshot> pick(PoolSnapshot pool, Set<String> excludedIds) {
        List<BackendSnapshot> candidates = LoadBalancer.candidates(pool, excludedIds);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size())));
    }
}
