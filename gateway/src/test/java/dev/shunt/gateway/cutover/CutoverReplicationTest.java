package dev.shunt.gateway.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.gateway.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A leader's cutover judged over every replica's counts, and followers that apply what it publishes. */
class CutoverReplicationTest {

    static final long MS = 1_000_000;

    final MutableClock clock = new MutableClock();
    final CutoverPlan plan = CutoverPlan.ofDefaults("chat", "staging").withSteps(List.of(10.0, 50.0, 100.0))
            .withBake(Duration.ofSeconds(10)).withCriteria(0.05, Duration.ofMillis(500), 20);

    @Test
    void aFollowerTakesTheLeadersStepShareBakeClockAndHistory() {
        Cutover leader = new Cutover(plan, clock);
        leader.start();
        Cutover follower = Cutover.restore(leader.record(), clock);
        assertThat(follower.state()).isEqualTo(CutoverState.RUNNING);
        assertThat(follower.weightPercent()).isEqualTo(10);
        assertThat(follower.record()).isEqualTo(leader.record());
        assertThat(follower.view().history()).extracting(CutoverTransition::text).containsExactly("started: step 10% to staging");
        int sent = 0;
        for (int i = 0; i < 100; i++) {
            sent += follower.sendToCandidate() ? 1 : 0;
        }
        assertThat(sent).as("the follower splits its own traffic by the step's share").isEqualTo(10);
    }

    @Test
    void theLeaderAdvancesOnTheSumOfEveryReplicasSamples() {
        Cutover leader = new Cutover(plan, clock);
        leader.start();
        Cutover a = Cutover.restore(leader.record(), clock);
        Cutover b = Cutover.restore(leader.record(), clock);
        record(leader, 5, 0);
        record(a, 8, 0);
        record(b, 8, 0);
        clock.advance(Duration.ofSeconds(11));
        leader.tick();
        assertThat(leader.view().samples()).as("alone it has 5 of the 20 it needs").isEqualTo(5);
        assertThat(leader.weightPercent()).isEqualTo(10);
        leader.tick(List.of(a.counts(), b.counts()));
        assertThat(leader.weightPercent()).as("5 + 8 + 8 samples pass the step").isEqualTo(50);
        a.apply(leader.record());
        assertThat(a.weightPercent()).isEqualTo(50);
        assertThat(a.counts().samples()).as("a new step starts its counts over").isZero();
        assertThat(a.counts().stepIndex()).isEqualTo(1);
    }

    @Test
    void errorsSeenOnlyByFollowersRollTheLeaderBack() {
        Cutover leader = new Cutover(plan, clock);
        leader.start();
        Cutover a = Cutover.restore(leader.record(), clock);
        record(leader, 10, 0);
        record(a, 10, 5);
        leader.tick(List.of(a.counts()));
        assertThat(leader.state()).isEqualTo(CutoverState.ROLLED_BACK);
        assertThat(leader.view().reason()).contains("error rate 0.25");
        a.apply(leader.record());
        assertThat(a.state()).isEqualTo(CutoverState.ROLLED_BACK);
        assertThat(a.weightPercent()).isZero();
        assertThat(a.sendToCandidate()).isFalse();
    }

    @Test
    void countsOfAnotherRunOrStepAreLeftOut() {
        Cutover leader = new Cutover(plan, clock);
        leader.start();
        Cutover stale = new Cutover(plan, clock);
        stale.start(); // another run of the same route
        record(stale, 50, 50);
        record(leader, 20, 0);
        leader.tick(List.of(stale.counts()));
        assertThat(leader.state()).isEqualTo(CutoverState.RUNNING);
        assertThat(leader.view().samples()).isEqualTo(20);
    }

    @Test
    void aNewLeaderContinuesTheStepWithItsBakeClockInsteadOfStartingOver() {
        Cutover old = new Cutover(plan, clock);
        old.start();
        record(old, 20, 0);
        clock.advance(Duration.ofSeconds(11));
        old.tick();
        assertThat(old.weightPercent()).isEqualTo(50);
        Cutover next = Cutover.restore(old.record(), clock);
        clock.advance(Duration.ofSeconds(6));
        record(next, 20, 0);
        next.tick();
        assertThat(next.weightPercent()).as("the step baked 6 of 10 s").isEqualTo(50);
        clock.advance(Duration.ofSeconds(5));
        next.tick();
        assertThat(next.weightPercent()).as("advanced once, 11 s into the step").isEqualTo(100);
        assertThat(next.view().history()).extracting(CutoverTransition::text)
                .containsExactly("started: step 10% to staging", "advanced to step 50%", "advanced to step 100%");
    }

    @Test
    void countsTravelAsTextAndReadBackEqual() {
        Cutover c = new Cutover(plan, clock);
        c.start();
        record(c, 30, 3);
        StepCounts counts = c.counts();
        StepCounts back = StepCounts.of(counts.generation(), counts.stepIndex(), counts.samples(), counts.errors(),
                counts.latencies());
        assertThat(back.stats()).isEqualTo(counts.stats());
        assertThatThrownBy(() -> StepCounts.of("g", 0, 31, 3, counts.latencies()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("latencies: 30 recorded (expected: one per sample, 31)");
        assertThatThrownBy(() -> StepCounts.of("g", 0, 1, 2, counts.latencies()))
                .hasMessageContaining("expected: 0 <= errors <= samples");
        assertThatThrownBy(() -> StepCounts.of("g", 0, 1, 0, "bm90IGEgaGlzdG9ncmFt"))
                .hasMessageStartingWith("latencies: not an encoded histogram");
    }

    @Test
    void aRecordOfAnotherPlanIsRefused() {
        Cutover c = new Cutover(plan, clock);
        c.start();
        Cutover other = new Cutover(plan.withBake(Duration.ofSeconds(99)), clock);
        assertThatThrownBy(() -> other.apply(c.record())).isInstanceOf(IllegalArgumentException.class);
    }

    private static void record(Cutover c, int samples, int errors) {
        for (int i = 0; i < samples; i++) {
            c.recordCandidate(i < errors, 10 * MS);
        }
    }
}
