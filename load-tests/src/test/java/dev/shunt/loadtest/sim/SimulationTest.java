package dev.shunt.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class SimulationTest {

    static Experiment small(long seed, List<Double> loads) {
        Hardware hw = SimFixtures.shipped();
        Workload w = SimFixtures.mix(1, Duration.ofSeconds(2));
        Fleet hybrid = new Fleet("hybrid", 4, 1);
        double capacity = Capacity.of(hybrid, hw, w);
        return new Experiment(new Fleet("cpu-only", (int) Math.ceil(capacity / Capacity.cpuBackend(hw, w)), 0),
                new Fleet("gpu-only", 0, 1), hybrid, hw, new PolicySettings(8, 0.1, false), w, loads,
                List.of(PolicyKind.CPU_ONLY, PolicyKind.SLO), seed);
    }

    @Test
    void theSameSeedGivesTheSameResults() {
        assertThat(small(3, List.of(0.9)).runAll()).isEqualTo(small(3, List.of(0.9)).runAll());
        assertThat(small(4, List.of(0.9)).runAll()).isNotEqualTo(small(3, List.of(0.9)).runAll());
    }

    @Test
    @Disabled("not met: on this scenario at load 1.3 slo misses more than cpu-only (3932 against 3152 with 2 s of "
            + "arrivals): it fills the cheap CPU pool with batch work whose deadline allows it, and realtime requests then "
            + "find no pool in time; see the README, SLO routing: simulated fleets")
    void atOverloadSloMissesNoMoreThanCpuOnly() {
        Experiment e = small(1, List.of(1.3));
        RunResult cpu = e.run(PolicyKind.CPU_ONLY, 1.3);
        RunResult slo = e.run(PolicyKind.SLO, 1.3);

        assertThat(cpu.arrived()).as("the same arrivals").isEqualTo(slo.arrived());
        assertThat(cpu.misses()).as("cpu-only is overloaded").isPositive();
        assertThat(slo.misses()).isLessThanOrEqualTo(cpu.misses());
    }

    @Test
    void everyArrivalIsAccountedFor() {
        RunResult r = small(2, List.of(0.5)).run(PolicyKind.SLO, 0.5);

        double expected = r.rate() * r.windowSeconds() * SimFixtures.mix(1, Duration.ofSeconds(2)).meanRate();
        assertThat((double) r.arrived()).as("Poisson count near rate x window").isBetween(expected * 0.9, expected * 1.1);
        assertThat(r.attainment()).isBetween(0.0, 1.0);
    }
}
