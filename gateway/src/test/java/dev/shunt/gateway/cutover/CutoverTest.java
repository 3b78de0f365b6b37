package dev.shunt.gateway.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shunt.gateway.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutoverTest {

    static final Duration BAKE = Duration.ofSeconds(60);
    static final long MS = 1_000_000;

    final MutableClock clock = new MutableClock();
    final CutoverPlan plan = CutoverPlan.ofDefaults("chat", "staging");

    @Test
    void idleSendsNothing() {
        Cutover cutover = new Cutover(plan, clock);
        assertThat(cutover.state()).isEqualTo(CutoverState.IDLE);
        assertThat(cutover.weightPercent()).isZero();
        assertThat(sent(cutover, 100)).isZero();
        CutoverView view = cutover.view();
        assertThat(view.stepIndex()).isEqualTo(-1);
        assertThat(view.stepStartedAt()).isNull();
        assertThat(view.bakeRemaining()).isZero();
        assertThat(view.history()).isEmpty();
    }

    @Test
    void fivePercentOfAThousandIsExactlyFifty() {
        Cutover cutover = started(plan.withSteps(List.of(5.0, 100.0)));
        assertThat(cutover.weightPercent()).isEqualTo(5);
        assertThat(sent(cutover, 1000)).isEqualTo(50);
        assertThat(sent(cutover, 1000)).isEqualTo(50);
    }

    @Test
    void countingStartsOverAtEachStep() {
        Cutover cutover = started(plan.withSteps(List.of(25.0, 50.0, 100.0)));
        assertThat(sent(cutover, 3)).isEqualTo(1);
        passStep(cutover, 20);
        assertThat(cutover.weightPercent()).isEqualTo(50);
        // a fresh count sends the first request of the step; the old count would not have
        assertThat(cutover.sendToCandidate()).isTrue();
        assertThat(sent(cutover, 99)).isEqualTo(49);
    }

    @Test
    void advancesThroughAllStepsToCompleted() {
        Cutover cutover = started(plan);
        for (double step : List.of(1.0, 5.0, 25.0, 50.0, 100.0)) {
            assertThat(cutover.state()).isEqualTo(CutoverState.RUNNING);
            assertThat(cutover.weightPercent()).isEqualTo(step);
            assertThat(sent(cutover, 1000)).isEqualTo((int) (step * 10));
            passStep(cutover, 20);
        }
        assertThat(cutover.state()).isEqualTo(CutoverState.COMPLETED);
        assertThat(cutover.weightPercent()).isEqualTo(100);
        assertThat(sent(cutover, 1000)).isEqualTo(1000);
        CutoverView view = cutover.view();
        assertThat(view.stepIndex()).isEqualTo(4);
        assertThat(view.samples()).isEqualTo(20);
        assertThat(view.reason()).isEmpty();
        assertThat(view.history()).extracting(CutoverTransition::text).containsExactly(
                "started: step 1% to staging",
                "advanced to step 5%",
                "advanced to step 25%",
                "advanced to step 50%",
                "advanced to step 100%",
                "completed: all traffic of route chat on staging");
        assertThat(view.history().get(1).at()).isEqualTo(MutableClock.START.plus(BAKE));
        cutover.tick();
        assertThat(cutover.state()).isEqualTo(CutoverState.COMPLETED);
    }

    @Test
    void aStepBakesItsFullTime() {
        Cutover cutover = started(plan);
        record(cutover, 100, 0, 10);
        clock.advance(BAKE.minusSeconds(1));
        cutover.tick();
        assertThat(cutover.weightPercent()).isEqualTo(1);
        assertThat(cutover.view().bakeRemaining()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cutover.view().stepStartedAt()).isEqualTo(MutableClock.START);
        clock.advance(Duration.ofSeconds(1));
        cutover.tick();
        assertThat(cutover.weightPercent()).isEqualTo(5);
        assertThat(cutover.view().samples()).isZero();
        assertThat(cutover.view().bakeRemaining()).isEqualTo(BAKE);
    }

    @Test
    void rollsBackOnErrorRateBeforeTheBakeEnds() {
        Cutover cutover = started(plan);
        passStep(cutover, 20);
        passStep(cutover, 20);
        assertThat(cutover.weightPercent()).isEqualTo(25);
        record(cutover, 24, 0, 10);
        record(cutover, 1, 1, 10);
        clock.advance(Duration.ofSeconds(5));
        cutover.tick();
        assertThat(cutover.state()).isEqualTo(CutoverState.ROLLED_BACK);
        assertThat(cutover.weightPercent()).isZero();
        assertThat(sent(cutover, 1000)).isZero();
        CutoverView view = cutover.view();
        assertThat(view.reason()).isEqualTo("step 25%: candidate error rate 0.040 > 0.010");
        assertThat(view.stepIndex()).isEqualTo(2);
        assertThat(view.samples()).isEqualTo(25);
        assertThat(view.errorRate()).isEqualTo(0.04);
        assertThat(view.bakeRemaining()).isZero();
        assertThat(view.history()).last().extracting(CutoverTransition::text)
                .isEqualTo("rolled back: step 25%: candidate error rate 0.040 > 0.010");
        // late outcomes are dropped
        record(cutover, 10, 10, 10);
        assertThat(cutover.view().samples()).isEqualTo(25);
    }

    @Test
    void rollsBackOnP99() {
        Cutover cutover = started(plan);
        passStep(cutover, 20);
        record(cutover, 20, 0, 812);
        cutover.tick();
        assertThat(cutover.state()).isEqualTo(CutoverState.ROLLED_BACK);
        assertThat(cutover.weightPercent()).isZero();
        assertThat(cutover.view().reason()).isEqualTo("step 5%: candidate p99 812 ms > 500 ms");
        assertThat(cutover.view().p99Millis()).isCloseTo(812, within(1.0));
    }

    @Test
    void aP99RightOnTheLimitPasses() {
        Cutover cutover = started(plan);
        record(cutover, 20, 0, 500);
        clock.advance(BAKE);
        cutover.tick();
        assertThat(cutover.state()).isEqualTo(CutoverState.RUNNING);
        assertThat(cutover.weightPercent()).isEqualTo(5);
    }

    @Test
    void aP99JustOverTheLimitSaysSo() {
        Cutover cutover = started(plan.withCriteria(0.01, Duration.ofMillis(100), 20));
        record(cutover, 20, 0, 101);
        cutover.tick();
        assertThat(cutover.view().reason()).isEqualTo("step 1%: candidate p99 101 ms > 100 ms");
    }

    @Test
    void waitsForSamplesAfterTheBake() {
        Cutover cutover = started(plan);
        record(cutover, 7, 0, 10);
        clock.advance(BAKE.plusSeconds(30));
        cutover.tick();
        assertThat(cutover.state()).isEqualTo(CutoverState.RUNNING);
        assertThat(cutover.weightPercent()).isEqualTo(1);
        assertThat(cutover.view().reason()).isEqualTo("waiting for samples 7/20");
        assertThat(cutover.view().bakeRemaining()).isZero();
        record(cutover, 13, 0, 10);
        cutover.tick();
        assertThat(cutover.weightPercent()).isEqualTo(5);
        assertThat(cutover.view().reason()).isEmpty();
    }

    @Test
    void tooFewSamplesNeverRollBack() {
        Cutover cutover = started(plan);
        record(cutover, 19, 19, 900);
        cutover.tick();
        clock.advance(BAKE);
        cutover.tick();
        assertThat(cutover.state()).isEqualTo(CutoverState.RUNNING);
        assertThat(cutover.view().reason()).isEqualTo("waiting for samples 19/20");
        assertThat(cutover.view().errorRate()).isEqualTo(1.0);
        record(cutover, 1, 1, 900);
        cutover.tick();
        assertThat(cutover.state()).isEqualTo(CutoverState.ROLLED_BACK);
        assertThat(cutover.view().reason()).isEqualTo("step 1%: candidate error rate 1.000 > 0.010");
    }

    @Test
    void pauseHoldsTheStepAndResumeRestartsItsBake() {
        Cutover cutover = started(plan);
        record(cutover, 20, 0, 10);
        clock.advance(Duration.ofSeconds(50));
        cutover.pause();
        assertThat(cutover.state()).isEqualTo(CutoverState.PAUSED);
        assertThat(cutover.weightPercent()).isEqualTo(1);
        assertThat(sent(cutover, 100)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        cutover.tick();
        assertThat(cutover.weightPercent()).isEqualTo(1);
        assertThat(cutover.view().reason()).isEqualTo("paused by operator");
        assertThat(cutover.view().bakeRemaining()).isEqualTo(BAKE);

        cutover.resume();
        assertThat(cutover.state()).isEqualTo(CutoverState.RUNNING);
        assertThat(cutover.view().reason()).isEmpty();
        assertThat(cutover.view().samples()).isEqualTo(20);
        clock.advance(BAKE.minusSeconds(1));
        cutover.tick();
        assertThat(cutover.weightPercent()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        cutover.tick();
        assertThat(cutover.weightPercent()).isEqualTo(5);
        assertThat(cutover.view().history()).extracting(CutoverTransition::text).containsExactly(
                "started: step 1% to staging", "paused at step 1%", "resumed at step 1%", "advanced to step 5%");
    }

    @Test
    void aPausedCutoverStillRollsBack() {
        Cutover cutover = started(plan);
        cutover.pause();
        record(cutover, 20, 5, 10);
        cutover.tick();
        assertThat(cutover.state()).isEqualTo(CutoverState.ROLLED_BACK);
        assertThat(cutover.view().reason()).isEqualTo("step 1%: candidate error rate 0.250 > 0.010");
    }

    @Test
    void abortSendsNothingMoreAndSaysWhy() {
        Cutover cutover = started(plan);
        passStep(cutover, 20);
        cutover.abort("latency regression seen by on-call");
        assertThat(cutover.state()).isEqualTo(CutoverState.ABORTED);
        assertThat(cutover.weightPercent()).isZero();
        assertThat(sent(cutover, 100)).isZero();
        assertThat(cutover.view().reason()).isEqualTo("latency regression seen by on-call");
        assertThat(cutover.view().history()).last().extracting(CutoverTransition::text)
                .isEqualTo("aborted: latency regression seen by on-call");

        Cutover paused = started(plan);
        paused.pause();
        paused.abort(" ");
        assertThat(paused.view().reason()).isEqualTo("aborted by operator");
    }

    @Test
    void illegalTransitionsSayTheState() {
        Cutover idle = new Cutover(plan, clock);
        assertThatThrownBy(idle::pause).isInstanceOf(IllegalStateException.class)
                .hasMessage("cutover of route chat is IDLE; cannot pause");
        assertThatThrownBy(idle::resume).hasMessage("cutover of route chat is IDLE; cannot resume");
        assertThatThrownBy(() -> idle.abort("x")).hasMessage("cutover of route chat is IDLE; cannot abort");

        Cutover running = started(plan);
        assertThatThrownBy(running::start).hasMessage("cutover of route chat is RUNNING; cannot start");
        assertThatThrownBy(running::resume).hasMessage("cutover of route chat is RUNNING; cannot resume");
        running.pause();
        assertThatThrownBy(running::pause).hasMessage("cutover of route chat is PAUSED; cannot pause");

        Cutover completed = started(plan.withSteps(List.of(100.0)));
        passStep(completed, 20);
        assertThat(completed.state()).isEqualTo(CutoverState.COMPLETED);
        assertThatThrownBy(completed::pause).hasMessage("cutover of route chat is COMPLETED; cannot pause");
        assertThatThrownBy(() -> completed.abort("x"))
                .hasMessage("cutover of route chat is COMPLETED; cannot abort");

        Cutover rolledBack = started(plan);
        record(rolledBack, 20, 20, 10);
        rolledBack.tick();
        assertThatThrownBy(rolledBack::start).hasMessage("cutover of route chat is ROLLED_BACK; cannot start");
        assertThatThrownBy(rolledBack::resume).hasMessage("cutover of route chat is ROLLED_BACK; cannot resume");
        assertThat(rolledBack.weightPercent()).isZero();
    }

    @Test
    void historyKeepsTheLatestFifty() {
        Cutover cutover = started(plan);
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(1));
            cutover.pause();
            cutover.resume();
        }
        List<CutoverTransition> history = cutover.view().history();
        assertThat(history).hasSize(Cutover.MAX_HISTORY);
        assertThat(history.get(0).text()).isEqualTo("paused at step 1%");
        assertThat(history.get(49).text()).isEqualTo("resumed at step 1%");
        assertThat(history.get(49).at()).isEqualTo(MutableClock.START.plusSeconds(30));
    }

    @Test
    void oddLatenciesAreRecordedNotThrown() {
        Cutover cutover = started(plan.withCriteria(0.01, Duration.ofHours(1), 1));
        cutover.recordCandidate(false, -5);
        cutover.recordCandidate(false, Long.MAX_VALUE);
        CutoverView view = cutover.view();
        assertThat(view.samples()).isEqualTo(2);
        assertThat(view.p99Millis()).isBetween(3_590_000.0, 3_600_000.0);
    }

    private Cutover started(CutoverPlan p) {
        Cutover cutover = new Cutover(p, clock);
        cutover.start();
        return cutover;
    }

    /** Records healthy samples, waits out the bake and ticks: the step passes. */
    private void passStep(Cutover cutover, int samples) {
        record(cutover, samples, 0, 10);
        clock.advance(BAKE);
        cutover.tick();
    }

    private static void record(Cutover cutover, int samples, int errors, long millis) {
        for (int i = 0; i < samples; i++) {
            cutover.recordCandidate(i < errors, millis * MS);
        }
    }

    private static int sent(Cutover cutover, int requests) {
        int sent = 0;
        for (int i = 0; i < requests; i++) {
            if (cutover.sendToCandidate()) {
                sent++;
            }
        }
        return sent;
    }
}
