package dev.shunt.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's settings refuse what makes no sense, saying the value and what was expected. */
class SettingsTest {

    @Test
    void sharesMustAddUpAndClassesComeInOrder() {
        ClassSpec rt = new ClassSpec(LatencyClass.REALTIME, 0.7, 1, 2, Duration.ofMillis(50));
        ClassSpec st = new ClassSpec(LatencyClass.STANDARD, 0.2, 4, 16, Duration.ofMillis(500));
        ClassSpec bt = new ClassSpec(LatencyClass.BATCH, 0.05, 32, 128, Duration.ofSeconds(5));
        assertThatThrownBy(() -> new Workload(10, List.of(rt, st, bt), Duration.ofSeconds(1), Duration.ZERO, 1, 0, 0, 0))
                .hasMessageStartingWith("shares: 0.95").hasMessageEndingWith("in all (expected: 1)");
        assertThatThrownBy(() -> new Workload(10, List.of(st, rt, bt), Duration.ofSeconds(1), Duration.ZERO, 1, 0, 0, 0))
                .hasMessage("classes[0]: STANDARD (expected: REALTIME)");
        assertThatThrownBy(() -> new ClassSpec(LatencyClass.BATCH, 0.1, 32, 16, Duration.ofSeconds(5)))
                .hasMessage("batch.maxRows: 16 (expected: >= minRows 32)");
    }

    @Test
    void theWarmUpEndsBeforeTheRunAndBurstsOnlyRaiseTheRate() {
        Workload w = SimFixtures.mix(10, Duration.ofSeconds(2));
        assertThatThrownBy(() -> new Workload(10, w.classes(), Duration.ofSeconds(2), Duration.ofSeconds(2), 1, 0, 0, 0))
                .hasMessage("warmup: PT2S (expected: >= 0 and < duration PT2S)");
        assertThatThrownBy(() -> new Workload(10, w.classes(), Duration.ofSeconds(2), Duration.ZERO, 0.5, 0, 0, 0))
                .hasMessage("burstFactor: 0.5 (expected: >= 1)");
    }

    @Test
    void fleetsAndHardwareNameTheBadValue() {
        assertThatThrownBy(() -> new Fleet("hybrid", 0, 0))
                .hasMessage("hybrid: 0 cpu, 0 gpu (expected: counts >= 0, at least one backend)");
        LatencyCurve c = SimFixtures.flat("cpu", 1, 2);
        assertThatThrownBy(() -> new Hardware(c, c, 0, 32, 64, Duration.ofMillis(5), 512, 0.4, 2.5, 20, 0.01))
                .hasMessage("cpuWorkers: 0 (expected: > 0)");
        assertThatThrownBy(() -> new Hardware(c, c, 8, 32, 64, Duration.ofMillis(5), 512, 0.4, 2.5, 20, 1))
                .hasMessage("learnerDecay: 1.0 (expected: between 0 and 1)");
    }
}
