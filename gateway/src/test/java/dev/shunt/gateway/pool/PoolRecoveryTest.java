package dev.shunt.gateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.gateway.MutableClock;
import dev.shunt.gateway.config.ConfigLoader;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** A backend whose circuit opened gets its probe once the open time is over, however slow it was before. */
class PoolRecoveryTest {

    static final long SLOW = Duration.ofMillis(400).toNanos();
    static final long FAST = Duration.ofMillis(4).toNanos();

    @Test
    void aSlowBackendThatFailedIsProbedAgainAfterItsOpenTime() {
        MutableClock clock = new MutableClock();
        Pool pool = new Pool(new ConfigLoader(clock).parse("""
                pools:
                  cpu:
                    backends: ["127.0.0.1:8001", "127.0.0.1:8011"]
                    breaker: {failureRatePercent: 50, slidingWindow: 4, minimumCalls: 4, openFor: 5s, halfOpenCalls: 1}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                """).pools().get("cpu"), clock);
        pool.backends().forEach(b -> b.recordHealthCheck(true)); // both passed their first health check
        BackendState cold = backend(pool, "127.0.0.1:8011");
        BackendState warm = backend(pool, "127.0.0.1:8001");
        for (int i = 0; i < 2; i++) { // slow while warming up ...
            call(cold, SLOW, false);
            call(warm, FAST, false);
        }
        for (int i = 0; i < 2; i++) { // ... then timing out: 2 of 4 calls failed, its circuit opens
            call(cold, SLOW, true);
        }
        assertThat(cold.breaker().getState().name()).isEqualTo("OPEN");
        assertThat(pool.pick(Set.of())).as("open: passed over").contains(warm);

        clock.advance(Duration.ofSeconds(6));

        assertThat(pool.pick(Set.of())).as("the probe goes to the recovered backend").contains(cold);
        call(cold, FAST, false);
        assertThat(cold.breaker().getState().name()).isEqualTo("CLOSED");
    }

    private static BackendState backend(Pool pool, String id) {
        return pool.backends().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    private static void call(BackendState backend, long nanos, boolean timedOut) {
        assertThat(backend.tryAcquire()).isTrue();
        if (timedOut) {
            backend.onFailure(nanos, new TimeoutException("deadline"));
        } else {
            backend.onSuccess(nanos);
        }
    }
}
