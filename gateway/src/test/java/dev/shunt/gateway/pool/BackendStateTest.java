package dev.shunt.gateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.gateway.MutableClock;
import dev.shunt.gateway.config.BackendAddress;
import dev.shunt.gateway.config.ConfigLoader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A pool's backends are not admitted until a health check passed, static or found later. */
class BackendStateTest {

    final MutableClock clock = new MutableClock();

    Pool pool(String healthCheck) {
        return new Pool(new ConfigLoader(clock).parse("""
                pools:
                  cpu:
                    backends: ["127.0.0.1:8001", "127.0.0.1:8011"]
                    healthCheck: %s
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                """.formatted(healthCheck)).pools().get("cpu"), clock);
    }

    @Test
    void aFreshBackendIsUnknownAndNeverPicked() {
        Pool pool = pool("{rise: 2, fall: 2}");

        assertThat(pool.backends()).extracting(BackendState::health).containsOnly(Health.UNKNOWN);
        assertThat(pool.snapshot().hasHealthyBackend()).isFalse();
        assertThat(pool.pick(Set.of())).isEmpty();
    }

    @Test
    void theFirstPassingCheckAdmitsItAndOnlyIt() {
        Pool pool = pool("{rise: 2, fall: 2}");
        BackendState first = pool.backends().get(0);

        assertThat(first.recordHealthCheck(true)).isTrue();

        assertThat(first.healthy()).isTrue();
        assertThat(pool.snapshot().hasHealthyBackend()).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(pool.pick(Set.of())).contains(first);
        }
    }

    @Test
    void failingChecksMakeItUnhealthyAfterFallAndItNeedsRisePassesBack() {
        Pool pool = pool("{rise: 2, fall: 2}");
        BackendState backend = pool.backends().get(0);

        backend.recordHealthCheck(false);
        assertThat(backend.health()).isEqualTo(Health.UNKNOWN);
        backend.recordHealthCheck(false);
        assertThat(backend.health()).isEqualTo(Health.UNHEALTHY);
        backend.recordHealthCheck(true);
        assertThat(backend.healthy()).as("one of two passes").isFalse();
        backend.recordHealthCheck(true);
        assertThat(backend.healthy()).isTrue();
    }

    @Test
    void backendsThatStayKeepTheirStateAndNewOnesStartUnknown() {
        Pool pool = pool("{rise: 2, fall: 2}");
        BackendState kept = pool.backends().get(0);
        kept.recordHealthCheck(true);

        List<BackendState> added = pool.updateAddresses(List.of(new BackendAddress("127.0.0.1", 8001, 5),
                new BackendAddress("127.0.0.1", 8021, 1), new BackendAddress("127.0.0.1", 8021, 1)));

        assertThat(pool.backends()).extracting(BackendState::id).containsExactly("127.0.0.1:8001", "127.0.0.1:8021");
        assertThat(pool.backends().get(0)).isSameAs(kept);
        assertThat(kept.healthy()).isTrue();
        assertThat(kept.address().weight()).as("the new weight").isEqualTo(5);
        assertThat(added).extracting(BackendState::id).containsExactly("127.0.0.1:8021");
        assertThat(added.get(0).health()).isEqualTo(Health.UNKNOWN);
    }
}
