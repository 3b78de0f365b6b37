package dev.shunt.gateway.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShadowRecordsTest {

    @Test
    void toleranceRejectsNegativeAndInfiniteSlack() {
        assertThatThrownBy(() -> new ShadowTolerance(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tolerance.absolute: -1.0 (expected: >= 0)");
        assertThatThrownBy(() -> new ShadowTolerance(0, Double.POSITIVE_INFINITY))
                .hasMessage("tolerance.relative: Infinity (expected: finite)");
        assertThatThrownBy(() -> new ShadowTolerance(Double.NaN, 0))
                .hasMessage("tolerance.absolute: NaN (expected: >= 0)");
    }

    @Test
    void toleranceIsAbsolutePlusRelativeToThePrimary() {
        ShadowTolerance t = new ShadowTolerance(0.1, 0.01);

        assertThat(t.agrees(100, 101.1)).isTrue();
        assertThat(t.agrees(100, 101.2)).isFalse();
        assertThat(t.agrees(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(t.agrees(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isFalse();
    }

    @Test
    void criteriaDefaults() {
        assertThat(ShadowCriteria.ofDefaults())
                .isEqualTo(new ShadowCriteria(100, 0.99, 1.5, 0.01, Duration.ofMinutes(5)));
    }

    @Test
    void criteriaAreValidated() {
        assertThatThrownBy(() -> new ShadowCriteria(0, 0.99, 1.5, 0.01, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("criteria.minSamples: 0 (expected: > 0)");
        assertThatThrownBy(() -> new ShadowCriteria(1, 1.5, 1.5, 0.01, Duration.ofMinutes(5)))
                .hasMessage("criteria.minAgreement: 1.5 (expected: 0..1)");
        assertThatThrownBy(() -> new ShadowCriteria(1, 0.99, 0, 0.01, Duration.ofMinutes(5)))
                .hasMessage("criteria.maxP99Ratio: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> new ShadowCriteria(1, 0.99, 1.5, -0.1, Duration.ofMinutes(5)))
                .hasMessage("criteria.maxErrorRate: -0.1 (expected: 0..1)");
        assertThatThrownBy(() -> new ShadowCriteria(1, 0.99, 1.5, 0.01, Duration.ZERO))
                .hasMessage("criteria.window: PT0S (expected: a duration > 0)");
    }

    @Test
    void sidesAreValidated() {
        assertThatThrownBy(() -> new Side(42, new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("side.status: 42 (expected: 100..599)");
        assertThatThrownBy(() -> new Side(200, new byte[0], -1))
                .hasMessage("side.latencyNanos: -1 (expected: >= 0)");
        assertThat(Side.failed("reset", 5).answered()).isFalse();
        assertThat(Side.failed("reset", 5).error()).isTrue();
        assertThat(new Side(502, new byte[0], 5).error()).isTrue();
        assertThat(new Side(404, new byte[0], 5).error()).isFalse();
    }

    @Test
    void comparisonReasonIsEmptyExactlyWhenTheSidesAgree() {
        assertThatThrownBy(() -> new Comparison(true, true, true, 0, 0, Optional.empty(), 0, 0, false, false, "odd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("comparison.reason: \"odd\" (expected: empty exactly when the sides agree)");
        assertThatThrownBy(() -> new Comparison(true, false, true, 0, 0, Optional.empty(), 0, 0, false, false, "x"))
                .hasMessage("comparison.structureMatch: false (expected: true when values or top-1 were compared)");
    }
}
