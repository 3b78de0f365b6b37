package dev.shunt.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One CPU backend with one worker at utilisation 0.5 against the Pollaczek-Khinchine mean time in
 * system of an M/G/1 queue, {@code W = E[S] + lambda E[S^2] / (2 (1 - rho))}: with a fixed service time
 * (M/D/1, {@code W = 1.5 D}) and with the lognormal of a curve whose p99 is twice its median.
 */
class QueueingTheoryTest {

    static final double D_MS = 10;

    static double meanTimeInSystemMs(LatencyCurve cpu, double rate) {
        Hardware hw = SimFixtures.hardware(cpu, SimFixtures.flat("gpu", 1, 1), 1, 1_000_000);
        Simulation sim = new Simulation(new Fleet("cpu-only", 1, 0), hw, PolicyKind.CPU_ONLY, new PolicySettings(8, 0.1, false),
                SimFixtures.singleRows(rate, Duration.ofSeconds(1000)), 7).run();
        assertThat(sim.classes().get(LatencyClass.REALTIME).misses()).as("no deadline is reached").isZero();
        return sim.tally().meanAnsweredNanos() / 1e6;
    }

    @Test
    void md1AtHalfLoadWaitsHalfAServiceTimeOnAverage() {
        double rate = 0.5 / (D_MS / 1000);
        double w = meanTimeInSystemMs(SimFixtures.flat("cpu", D_MS, D_MS), rate);

        assertThat(w).isCloseTo(1.5 * D_MS, within(1.5 * D_MS * 0.04));
    }

    @Test
    void mg1WithLognormalServiceMatchesPollaczekKhinchine() {
        LatencyCurve cpu = SimFixtures.flat("cpu", D_MS, 2 * D_MS);
        double sigma = Math.log(2) / LatencyCurve.Z99;
        double mean = D_MS * Math.exp(sigma * sigma / 2);
        double second = D_MS * D_MS * Math.exp(2 * sigma * sigma);
        double rate = 0.5 / (mean / 1000);
        double expected = mean + (rate / 1000) * second / (2 * (1 - 0.5));

        double w = meanTimeInSystemMs(cpu, rate);

        assertThat(w).isCloseTo(expected, within(expected * 0.05));
    }
}
