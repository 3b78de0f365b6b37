package dev.shunt.routing.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinearFitTest {

    static CurveFile.Row row(long batch, double p50) {
        return new CurveFile.Row(1, "cpu", "m", batch, p50, p50 * 2);
    }

    @Test
    void pointsOnALineGiveThatLine() {
        LinearFit fit = LinearFit.ofMedians(List.of(row(1, 7), row(2, 9), row(4, 13), row(8, 21)), 64);

        assertThat(fit.fixedMs()).isCloseTo(5, within(1e-9));
        assertThat(fit.perRowMs()).isCloseTo(2, within(1e-9));
        assertThat(fit.at(16)).isCloseTo(37, within(1e-9));
    }

    @Test
    void leastSquaresThroughScatterAndOnlyUpToTheLargestBatchAsked() {
        // x = 1, 2, 3; y = 1, 3, 2: slope 0.5, intercept 1; the 128-row point is left out
        LinearFit fit = LinearFit.ofMedians(List.of(row(1, 1), row(2, 3), row(3, 2), row(128, 1000)), 64);

        assertThat(fit.perRowMs()).isCloseTo(0.5, within(1e-9));
        assertThat(fit.fixedMs()).isCloseTo(1, within(1e-9));
    }

    @Test
    void neverNegative() {
        LinearFit falling = LinearFit.ofMedians(List.of(row(1, 5), row(8, 3)), 64);
        assertThat(falling).isEqualTo(new LinearFit(4, 0));

        // 1 -> 1, 2 -> 4: the free line would cross zero at 0.67 rows, so it goes through the origin
        LinearFit steep = LinearFit.ofMedians(List.of(row(1, 1), row(2, 4)), 64);
        assertThat(steep.fixedMs()).isZero();
        assertThat(steep.perRowMs()).isCloseTo(9.0 / 5, within(1e-9));

        assertThat(LinearFit.ofMedians(List.of(row(4, 6)), 64)).isEqualTo(new LinearFit(6, 0));
    }

    @Test
    void nothingToFitIsRefused() {
        assertThatThrownBy(() -> LinearFit.ofMedians(List.of(row(128, 5)), 64))
                .hasMessage("no batch size <= 64 (expected: at least one to fit)");
    }
}
