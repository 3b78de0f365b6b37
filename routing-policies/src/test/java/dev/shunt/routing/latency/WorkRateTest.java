package dev.shunt.routing.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WorkRateTest {

    static final long MS = 1_000_000L;
    static final long SECOND = 1_000 * MS;

    @Test
    void steadyTrafficGivesTheBackendsItKeepsBusy() {
        WorkRate rate = new WorkRate(10 * SECOND, 0);
        // 200 requests a second, each taking 25 ms of a backend: 5 backends busy
        for (long t = 0; t < 100 * SECOND; t += 5 * MS) {
            rate.add(t, 25 * MS);
        }

        assertThat(rate.busyBackends(100 * SECOND)).isCloseTo(5.0, within(0.1));
        assertThat(rate.replicas(100 * SECOND, 0.7, 1)).as("5 / 0.7").isEqualTo(8);
        assertThat(rate.replicas(100 * SECOND, 1.0, 1)).isEqualTo(5);
    }

    @Test
    void withoutTrafficItFadesToTheMinimum() {
        WorkRate rate = new WorkRate(10 * SECOND, 0);
        for (long t = 0; t < 20 * SECOND; t += 5 * MS) {
            rate.add(t, 25 * MS);
        }

        assertThat(rate.replicas(20 * SECOND + 60 * SECOND, 0.7, 0)).as("a trickle still needs a backend").isEqualTo(1);
        assertThat(rate.replicas(20 * SECOND + 300 * SECOND, 0.7, 1)).isEqualTo(1);
        assertThat(rate.replicas(20 * SECOND + 300 * SECOND, 0.7, 0)).as("what is left after 30 windows is no traffic").isZero();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new WorkRate(0, 0)).hasMessage("windowNanos: 0 (expected: > 0)");
        assertThatThrownBy(() -> new WorkRate(1, 0).replicas(0, 0, 1))
                .hasMessage("targetUtilization: 0.0 (expected: in (0, 1])");
    }
}
