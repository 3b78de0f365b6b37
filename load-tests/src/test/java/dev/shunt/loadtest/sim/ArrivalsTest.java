package dev.shunt.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    static List<SimRequest> all(Workload w, long seed) {
        Arrivals arrivals = new Arrivals(w, seed);
        List<SimRequest> out = new ArrayList<>();
        for (SimRequest r = arrivals.next(); r != null; r = arrivals.next()) {
            out.add(r);
        }
        return out;
    }

    @Test
    void theBurstRaisesTheRateAndTheBatchShareMovesOverTheRun() {
        Workload w = SimFixtures.mix(2000, Duration.ofSeconds(20));
        List<SimRequest> requests = all(w, 5);

        long inBurst = requests.stream().filter(r -> r.arrival >= 10e9 && r.arrival < 12e9).count();
        long before = requests.stream().filter(r -> r.arrival >= 6e9 && r.arrival < 8e9).count();
        assertThat((double) inBurst / before).isCloseTo(1.5, within(0.08));
        assertThat((double) requests.size()).isCloseTo(w.meanRate() * 20, within(w.meanRate() * 20 * 0.02));

        assertThat(batchShare(requests, 0, 4e9)).isCloseTo(0.055, within(0.008));
        assertThat(batchShare(requests, 16e9, 20e9)).isCloseTo(0.095, within(0.008));
    }

    @Test
    void rowsStayInTheirClassRangeAndTheWarmUpIsNotCounted() {
        List<SimRequest> requests = all(SimFixtures.mix(500, Duration.ofSeconds(4)), 6);

        assertThat(requests).allSatisfy(r -> {
            ClassSpec spec = SimFixtures.mix(1, Duration.ofSeconds(4)).spec(r.latencyClass);
            assertThat(r.rows).isBetween(spec.minRows(), spec.maxRows());
            assertThat(r.deadline - r.arrival).isEqualTo(spec.deadline().toNanos());
            assertThat(r.counted).isEqualTo(r.arrival >= 500_000_000L);
        });
    }

    static double batchShare(List<SimRequest> requests, double from, double to) {
        List<SimRequest> window = requests.stream().filter(r -> r.arrival >= from && r.arrival < to).toList();
        return (double) window.stream().filter(r -> r.latencyClass == LatencyClass.BATCH).count() / window.size();
    }
}
