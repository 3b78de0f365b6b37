package dev.shunt.gateway.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CutoverPlanTest {

    static final CutoverPlan DEFAULTS = CutoverPlan.ofDefaults("chat", "staging");

    @Test
    void defaults() {
        assertThat(DEFAULTS.route()).isEqualTo("chat");
        assertThat(DEFAULTS.candidatePool()).isEqualTo("staging");
        assertThat(DEFAULTS.steps()).containsExactly(1.0, 5.0, 25.0, 50.0, 100.0);
        assertThat(DEFAULTS.bake()).isEqualTo(Duration.ofSeconds(60));
        assertThat(DEFAULTS.maxErrorRate()).isEqualTo(0.01);
        assertThat(DEFAULTS.maxP99()).isEqualTo(Duration.ofMillis(500));
        assertThat(DEFAULTS.minSamplesPerStep()).isEqualTo(20);
    }

    @Test
    void stepsAreCopiedAndImmutable() {
        List<Double> steps = new ArrayList<>(List.of(10.0, 100.0));
        CutoverPlan plan = DEFAULTS.withSteps(steps);
        steps.set(0, 20.0);
        assertThat(plan.steps()).containsExactly(10.0, 100.0);
        assertThatThrownBy(() -> plan.steps().add(1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSingleStepOfAllTrafficAndFineStepsAreFine() {
        assertThat(DEFAULTS.withSteps(List.of(100.0)).steps()).containsExactly(100.0);
        assertThat(DEFAULTS.withSteps(List.of(0.0001, 0.5, 100.0)).steps()).hasSize(3);
    }

    static Stream<Arguments> badSteps() {
        return Stream.of(
                Arguments.of(List.of(1.0, 5.0, 150.0), "steps[2]: 150 (expected: 0 < step <= 100)"),
                Arguments.of(List.of(0.0, 100.0), "steps[0]: 0 (expected: 0 < step <= 100)"),
                Arguments.of(List.of(-5.0, 100.0), "steps[0]: -5 (expected: 0 < step <= 100)"),
                Arguments.of(List.of(Double.NaN, 100.0), "steps[0]: NaN (expected: 0 < step <= 100)"),
                Arguments.of(Arrays.asList(1.0, null, 100.0), "steps[1]: null (expected: 0 < step <= 100)"),
                Arguments.of(List.of(5.0, 1.0, 100.0), "steps[1]: 1 (expected: > steps[0] = 5)"),
                Arguments.of(List.of(5.0, 5.0, 100.0), "steps[1]: 5 (expected: > steps[0] = 5)"),
                Arguments.of(List.of(1.0, 5.0, 50.0), "steps[2]: 50 (expected: the last step is 100)"),
                Arguments.of(List.of(33.33333, 100.0), "steps[0]: 33.33333 (expected: at most 4 decimals)"),
                Arguments.of(List.of(), "steps: [] (expected: at least one step)"));
    }

    @ParameterizedTest
    @MethodSource("badSteps")
    void badStepsSayWhichAndWhy(List<Double> steps, String message) {
        assertThatThrownBy(() -> DEFAULTS.withSteps(steps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void tooManySteps() {
        List<Double> steps = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            steps.add(i * 100.0 / 101);
        }
        steps.set(100, 100.0);
        assertThatThrownBy(() -> DEFAULTS.withSteps(steps))
                .hasMessage("steps: 101 steps (expected: at most 100)");
    }

    @Test
    void badScalarsSayWhichAndWhy() {
        assertThatThrownBy(() -> DEFAULTS.withBake(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bake: PT0S (expected: > 0)");
        assertThatThrownBy(() -> DEFAULTS.withBake(Duration.ofSeconds(-1)))
                .hasMessage("bake: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> DEFAULTS.withCriteria(1.5, Duration.ofMillis(500), 20))
                .hasMessage("maxErrorRate: 1.5 (expected: 0 <= maxErrorRate <= 1)");
        assertThatThrownBy(() -> DEFAULTS.withCriteria(Double.NaN, Duration.ofMillis(500), 20))
                .hasMessage("maxErrorRate: NaN (expected: 0 <= maxErrorRate <= 1)");
        assertThatThrownBy(() -> DEFAULTS.withCriteria(0.01, Duration.ZERO, 20))
                .hasMessage("maxP99: PT0S (expected: > 0)");
        assertThatThrownBy(() -> DEFAULTS.withCriteria(0.01, Duration.ofHours(2), 20))
                .hasMessage("maxP99: PT2H (expected: <= PT1H)");
        assertThatThrownBy(() -> DEFAULTS.withCriteria(0.01, Duration.ofMillis(500), 0))
                .hasMessage("minSamplesPerStep: 0 (expected: >= 1)");
        assertThatThrownBy(() -> CutoverPlan.ofDefaults(" ", "staging"))
                .hasMessage("route: \" \" (expected: not blank)");
        assertThatThrownBy(() -> CutoverPlan.ofDefaults("chat", ""))
                .hasMessage("candidatePool: \"\" (expected: not blank)");
        assertThatThrownBy(() -> CutoverPlan.ofDefaults(null, "staging"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("route");
    }

    @Test
    void errorRateBoundsAreInclusive() {
        assertThat(DEFAULTS.withCriteria(0, Duration.ofMillis(1), 1).maxErrorRate()).isZero();
        assertThat(DEFAULTS.withCriteria(1, Duration.ofHours(1), 1).maxErrorRate()).isEqualTo(1);
    }
}
