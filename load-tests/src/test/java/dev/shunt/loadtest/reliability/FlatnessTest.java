package dev.shunt.loadtest.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatnessTest {

    static List<SoakSample> samples(double... fds) {
        List<SoakSample> out = new ArrayList<>();
        for (int i = 0; i < fds.length; i++) {
            out.add(new SoakSample(i * 10, new Resources(40, (int) fds[i], 30, 10), i * 100L, 0));
        }
        return out;
    }

    @Test
    void aSeriesThatGrowsInTheSecondHalfIsNotFlat() {
        // one more fd every 10 s from 20 s on: the second half (samples at 40..70 s) rises 3
        Flatness f = Flatness.of("open fds", "fds", samples(100, 100, 100, 101, 102, 103, 104, 105), s -> s.resources().fds(), 2);
        assertThat(f.growth()).isCloseTo(3.0, within(1e-9));
        assertThat(f.flat()).isFalse();
        assertThat(f.describe()).contains("100.0 → 105.0 fds").contains("+3.0 fds (bound 2): GROWS");
    }

    @Test
    void aStepInTheFirstHalfThenALevelIsFlat() {
        Flatness f = Flatness.of("open fds", "fds", samples(100, 140, 120, 120, 121, 120, 120, 121), s -> s.resources().fds(), 3);
        assertThat(f.flat()).isTrue();
    }
}
