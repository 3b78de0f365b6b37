package dev.shunt.routing.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.routing.BackendSnapshot;
import dev.shunt.routing.PoolSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {

    static BackendSnapshot b(String id, int inFlight, long latencyMs, int weight) {
        return new BackendSnapshot(id, true, false, inFlight, 100, Duration.ofMillis(latencyMs), weight);
    }

    static Map<String, Integer> count(LoadBalancer lb, PoolSnapshot pool, int picks) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            counts.merge(lb.pick(pool, Set.of()).orElseThrow().id(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void powerOfTwoChoicesFavoursTheLeastLoaded() {
        PoolSnapshot pool = new PoolSnapshot("cpu", List.of(b("a", 1, 5, 1), b("b", 10, 5, 1), b("c", 20, 5, 1)));
        Map<String, Integer> counts = count(LoadBalancer.ofPowerOfTwoChoices(new SplittableRandom(1)), pool, 10_000);
        // a wins every pair it is in (2 of 3 pairs), c never wins
        assertThat(counts.get("a")).isBetween(6300, 7000);
        assertThat(counts.getOrDefault("c", 0)).isZero();
    }

    @Test
    void powerOfTwoChoicesBreaksTiesByLatency() {
        PoolSnapshot pool = new PoolSnapshot("cpu", List.of(b("slow", 3, 50, 1), b("fast", 3, 5, 1)));
        assertThat(count(LoadBalancer.ofPowerOfTwoChoices(new SplittableRandom(2)), pool, 100)).containsOnlyKeys("fast");
    }

    @Test
    void sameSeedSameSequence() {
        PoolSnapshot pool = new PoolSnapshot("cpu", List.of(b("a", 1, 1, 1), b("b", 1, 2, 1), b("c", 2, 1, 1),
                b("d", 0, 9, 1)));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        LoadBalancer x = LoadBalancer.ofPowerOfTwoChoices(new SplittableRandom(42));
        LoadBalancer y = LoadBalancer.ofPowerOfTwoChoices(new SplittableRandom(42));
        for (int i = 0; i < 200; i++) {
            first.add(x.pick(pool, Set.of()).orElseThrow().id());
            second.add(y.pick(pool, Set.of()).orElseThrow().id());
        }
        assertThat(first).isEqualTo(second);
    }

    @Test
    void neverPicksUnavailableOrExcludedBackends() {
        BackendSnapshot unhealthy = new BackendSnapshot("sick", false, false, 0, 10, Duration.ZERO, 1);
        BackendSnapshot open = new BackendSnapshot("open", true, true, 0, 10, Duration.ZERO, 1);
        BackendSnapshot full = new BackendSnapshot("full", true, false, 10, 10, Duration.ZERO, 1);
        PoolSnapshot pool = new PoolSnapshot("cpu", List.of(unhealthy, open, full, b("ok", 5, 1, 1), b("tried", 0, 1, 1)));
        for (LoadBalancer lb : List.of(LoadBalancer.ofPowerOfTwoChoices(new SplittableRandom(3)),
                LoadBalancer.ofRoundRobin(), LoadBalancer.ofWeighted(new SplittableRandom(3)))) {
            for (int i = 0; i < 50; i++) {
                assertThat(lb.pick(pool, Set.of("tried")).orElseThrow().id()).isEqualTo("ok");
            }
            assertThat(lb.pick(pool, Set.of("tried", "ok"))).isEmpty();
        }
    }

    @Test
    void roundRobinCyclesEvenly() {
        PoolSnapshot pool = new PoolSnapshot("cpu", List.of(b("a", 0, 1, 1), b("b", 9, 1, 1), b("c", 3, 1, 1)));
        assertThat(count(LoadBalancer.ofRoundRobin(), pool, 300)).containsEntry("a", 100).containsEntry("b", 100)
                .containsEntry("c", 100);
    }

    @Test
    void weightedSplitsByWeightAndSkipsZero() {
        PoolSnapshot pool = new PoolSnapshot("staging", List.of(b("stable", 0, 1, 95), b("canary", 0, 1, 5),
                b("drained", 0, 1, 0)));
        Map<String, Integer> counts = count(LoadBalancer.ofWeighted(new SplittableRandom(7)), pool, 20_000);
        assertThat(counts.get("canary")).isBetween(800, 1200);
        assertThat(counts).doesNotContainKey("drained");
    }
}
