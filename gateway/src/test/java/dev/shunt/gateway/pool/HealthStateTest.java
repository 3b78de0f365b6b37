package dev.shunt.gateway.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Health with hysteresis, starting unknown: the first pass admits, fall failures refuse, rise passes readmit. */
class HealthStateTest {

    @Test
    void startsUnknownAndNotHealthy() {
        HealthState state = new HealthState(2, 3);

        assertThat(state.health()).isEqualTo(Health.UNKNOWN);
        assertThat(state.healthy()).isFalse();
    }

    @Test
    void theFirstPassingCheckMakesItHealthyWhateverRise() {
        HealthState state = new HealthState(5, 3);

        assertThat(state.record(true)).as("changed").isTrue();
        assertThat(state.health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void fallFailuresBeforeAnyPassMakeItUnhealthy() {
        HealthState state = new HealthState(2, 3);

        assertThat(state.record(false)).isFalse();
        assertThat(state.record(false)).isFalse();
        assertThat(state.health()).as("two of three failures: still unknown").isEqualTo(Health.UNKNOWN);
        assertThat(state.record(false)).isTrue();
        assertThat(state.health()).isEqualTo(Health.UNHEALTHY);
    }

    @Test
    void aPassAfterSomeFailuresWhileUnknownStillAdmitsAtOnce() {
        HealthState state = new HealthState(2, 3);
        state.record(false);
        state.record(false);

        assertThat(state.record(true)).isTrue();
        assertThat(state.health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void healthyTurnsUnhealthyAfterFallFailuresInARowOnly() {
        HealthState state = new HealthState(2, 2);
        state.record(true);

        assertThat(state.record(false)).isFalse();
        assertThat(state.record(true)).as("the streak is broken").isFalse();
        assertThat(state.record(false)).isFalse();
        assertThat(state.health()).isEqualTo(Health.HEALTHY);
        assertThat(state.record(false)).isTrue();
        assertThat(state.health()).isEqualTo(Health.UNHEALTHY);
    }

    @Test
    void unhealthyTurnsHealthyAfterRisePassesInARowOnly() {
        HealthState state = new HealthState(3, 1);
        state.record(false);
        assertThat(state.health()).isEqualTo(Health.UNHEALTHY);

        assertThat(state.record(true)).isFalse();
        assertThat(state.record(true)).isFalse();
        assertThat(state.record(false)).as("the streak is broken").isFalse();
        assertThat(state.record(true)).isFalse();
        assertThat(state.record(true)).isFalse();
        assertThat(state.healthy()).isFalse();
        assertThat(state.record(true)).isTrue();
        assertThat(state.health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void riseAndFallMustBePositive() {
        assertThatThrownBy(() -> new HealthState(0, 2)).hasMessage("rise/fall: 0/2 (expected: >= 1)");
    }
}
