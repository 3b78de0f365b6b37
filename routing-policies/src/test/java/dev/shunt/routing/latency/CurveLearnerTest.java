package dev.shunt.routing.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CurveLearnerTest {

    static final double MS = 1e6;

    @Test
    void beforeAnyAnswerTheCurveIsThePrior() {
        CurveLearner learner = new CurveLearner(ServiceCurve.prior(2 * MS, 0.5 * MS), 10, 32, 0.05);

        ServiceCurve curve = learner.curve();

        assertThat(curve.samples()).isZero();
        assertThat(curve.fixedNanos()).isCloseTo(2 * MS, within(1.0));
        assertThat(curve.perRowNanos()).isCloseTo(0.5 * MS, within(1e-3));
        assertThat(curve.serviceNanos(16)).isCloseTo(10 * MS, within(1.0));
    }

    @Test
    void convergesToTheTrueLineFromAWrongPriorDespiteNoise() {
        CurveLearner learner = new CurveLearner(ServiceCurve.prior(20 * MS, 5 * MS), 10, 32, 0.02);
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            long rows = 1 + random.nextInt(32);
            double truth = 1 * MS + 0.25 * MS * rows;
            learner.observe(rows, truth * (0.9 + 0.2 * random.nextDouble()), 0.3 * MS);
        }

        ServiceCurve curve = learner.curve();

        assertThat(curve.fixedNanos()).isCloseTo(1 * MS, within(0.3 * MS));
        assertThat(curve.perRowNanos()).isCloseTo(0.25 * MS, within(0.03 * MS));
        assertThat(curve.queueNanos()).isCloseTo(0.3 * MS, within(1.0));
        assertThat(curve.meanRows()).isBetween(12.0, 21.0);
        assertThat(curve.samples()).isEqualTo(2000);
    }

    @Test
    void followsDriftWithinAFewTimesItsMemory() {
        CurveLearner learner = new CurveLearner(ServiceCurve.prior(1 * MS, 0.1 * MS), 4, 32, 0.05);
        for (int i = 0; i < 500; i++) {
            learner.observe(1 + i % 8, 1 * MS + 0.1 * MS * (1 + i % 8), 0);
        }
        assertThat(learner.curve().serviceNanos(4)).isCloseTo(1.4 * MS, within(0.05 * MS));

        for (int i = 0; i < 100; i++) { // the pool slows down threefold
            learner.observe(1 + i % 8, 3 * (1 * MS + 0.1 * MS * (1 + i % 8)), 0);
        }

        assertThat(learner.curve().serviceNanos(4)).as("five memories later").isCloseTo(4.2 * MS, within(0.1 * MS));
    }

    @Test
    void answersOfOneSizeMoveTheLevelAndKeepThePriorsSlope() {
        CurveLearner learner = new CurveLearner(ServiceCurve.prior(1 * MS, 0.5 * MS), 0.01, 32, 0.1);
        for (int i = 0; i < 200; i++) {
            learner.observe(4, 10 * MS, 0);
        }

        ServiceCurve curve = learner.curve();

        assertThat(curve.serviceNanos(4)).isCloseTo(10 * MS, within(1.0));
        assertThat(curve.perRowNanos()).isCloseTo(0.5 * MS, within(1e-3));
    }

    @Test
    void nonsenseIsIgnored() {
        CurveLearner learner = new CurveLearner(ServiceCurve.prior(1 * MS, 0), 2, 32, 0.1);

        learner.observe(0, 5 * MS, 0);
        learner.observe(3, Double.NaN, 0);
        learner.observe(3, 5 * MS, -1);

        assertThat(learner.curve().samples()).isZero();
    }

    @Test
    void settingsAreChecked() {
        ServiceCurve prior = ServiceCurve.prior(1, 1);
        assertThatThrownBy(() -> new CurveLearner(prior, 1, 32, 1)).hasMessage("decay: 1.0 (expected: between 0 and 1)");
        assertThatThrownBy(() -> new CurveLearner(prior, 0, 32, 0.1)).hasMessage("priorWeight: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> new CurveLearner(prior, 1, 32, 0.1, java.time.Duration.ZERO, 0))
                .hasMessage("relax: PT0S (expected: > 0)");
        assertThatThrownBy(() -> new CurveLearner(prior, 1, 1, 0.1)).hasMessage("priorRows: 1 (expected: > 1)");
        assertThatThrownBy(() -> ServiceCurve.prior(-1, 0)).hasMessage("fixedNanos: -1.0 (expected: a finite value >= 0)");
    }

    @Test
    void aPoolQuietForLongerThanRelaxDriftsBackToThePrior() {
        long second = 1_000_000_000L;
        CurveLearner learner = new CurveLearner(ServiceCurve.prior(5 * MS, 0), 4, 32, 0.1, java.time.Duration.ofSeconds(2), 0);
        for (int i = 0; i < 100; i++) {
            learner.observe(i * 10_000_000L, 1, 400 * MS, 50 * MS); // the pool got slow
        }
        long last = 99 * 10_000_000L;
        double learned = learner.curve(last).serviceNanos(1);
        assertThat(learned).isCloseTo(400 * MS, within(1 * MS));

        assertThat(learner.curve(last + 2 * second).serviceNanos(1)).as("within relax: no drift").isEqualTo(learned);
        assertThat(learner.curve(last + 4 * second).serviceNanos(1)).as("one time constant past it")
                .isBetween(100 * MS, 300 * MS);
        assertThat(learner.curve(last + 20 * second).serviceNanos(1)).as("nine").isCloseTo(5 * MS, within(1 * MS));
        assertThat(learner.curve(last + 20 * second).queueNanos()).isCloseTo(0, within(0.1 * MS));

        learner.observe(last + 20 * second, 1, 400 * MS, 0);
        assertThat(learner.curve(last + 20 * second).serviceNanos(1)).as("an answer counts at once")
                .isGreaterThan(50 * MS);
    }

    @Test
    void readingTheCurveChangesNothing() {
        CurveLearner learner = new CurveLearner(ServiceCurve.prior(5 * MS, 0), 4, 32, 0.1, java.time.Duration.ofSeconds(1), 0);
        learner.observe(0, 1, 100 * MS, 0);

        ServiceCurve later = learner.curve(10_000_000_000L);
        learner.curve(500_000_000L);

        assertThat(learner.curve(10_000_000_000L)).isEqualTo(later);
    }
}
