package dev.shunt.gateway.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.gateway.MutableClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CutoversTest {

    final MutableClock clock = new MutableClock();
    final Cutovers cutovers = new Cutovers(clock);

    @Test
    void startsAndFindsByRoute() {
        Cutover chat = cutovers.start(CutoverPlan.ofDefaults("chat", "staging"));
        cutovers.start(CutoverPlan.ofDefaults("embed", "staging"));
        assertThat(chat.state()).isEqualTo(CutoverState.RUNNING);
        assertThat(cutovers.get("chat")).containsSame(chat);
        assertThat(cutovers.get("rank")).isEmpty();
        assertThat(cutovers.all()).extracting(Cutover::route).containsExactly("chat", "embed");
    }

    @Test
    void refusesASecondCutoverOfARunningOrPausedRoute() {
        Cutover chat = cutovers.start(CutoverPlan.ofDefaults("chat", "staging"));
        assertThatThrownBy(() -> cutovers.start(CutoverPlan.ofDefaults("chat", "canary")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cutover of route chat is RUNNING; abort it before starting another");
        chat.pause();
        assertThatThrownBy(() -> cutovers.start(CutoverPlan.ofDefaults("chat", "canary")))
                .hasMessage("cutover of route chat is PAUSED; abort it before starting another");
        assertThat(cutovers.get("chat")).containsSame(chat);
    }

    @Test
    void replacesAFinishedCutover() {
        Cutover first = cutovers.start(CutoverPlan.ofDefaults("chat", "staging"));
        first.abort("wrong pool");
        Cutover second = cutovers.start(CutoverPlan.ofDefaults("chat", "canary"));
        assertThat(second).isNotSameAs(first);
        assertThat(cutovers.get("chat")).containsSame(second);
        assertThat(second.view().candidatePool()).isEqualTo("canary");
    }

    @Test
    void tickAllTicksEveryCutover() {
        Cutover chat = cutovers.start(CutoverPlan.ofDefaults("chat", "staging"));
        Cutover embed = cutovers.start(CutoverPlan.ofDefaults("embed", "staging"));
        for (int i = 0; i < 20; i++) {
            chat.recordCandidate(false, 1_000_000);
            embed.recordCandidate(true, 1_000_000);
        }
        clock.advance(Duration.ofSeconds(60));
        cutovers.tickAll();
        assertThat(chat.weightPercent()).isEqualTo(5);
        assertThat(embed.state()).isEqualTo(CutoverState.ROLLED_BACK);
    }

    @Test
    void retainRoutesAbortsTheCutoversOfRemovedRoutes() {
        Cutover chat = cutovers.start(CutoverPlan.ofDefaults("chat", "staging"));
        Cutover embed = cutovers.start(CutoverPlan.ofDefaults("embed", "staging"));
        Cutover rank = cutovers.start(CutoverPlan.ofDefaults("rank", "staging"));
        Cutover old = cutovers.start(CutoverPlan.ofDefaults("old", "staging"));
        rank.pause();
        old.abort("done with it");

        assertThat(cutovers.retainRoutes(Set.of("chat"))).containsExactly("embed", "rank");

        assertThat(chat.state()).isEqualTo(CutoverState.RUNNING);
        assertThat(embed.state()).isEqualTo(CutoverState.ABORTED);
        assertThat(embed.weightPercent()).isZero();
        assertThat(embed.view().reason()).isEqualTo("route removed by config reload");
        assertThat(rank.state()).isEqualTo(CutoverState.ABORTED);
        assertThat(old.view().reason()).isEqualTo("done with it");
        // still listed, so operators can see why
        assertThat(cutovers.all()).hasSize(4);
        assertThat(cutovers.retainRoutes(Set.of("chat"))).isEmpty();
    }

    @Test
    void fullRegistryEvictsTheStalestFinishedCutover() {
        Cutovers small = new Cutovers(clock, 2);
        Cutover a = small.start(CutoverPlan.ofDefaults("a", "staging"));
        Cutover b = small.start(CutoverPlan.ofDefaults("b", "staging"));
        assertThatThrownBy(() -> small.start(CutoverPlan.ofDefaults("c", "staging")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cutovers: 2 routes running or paused (expected: at most 2)");
        clock.advance(Duration.ofSeconds(1));
        b.abort("b first");
        clock.advance(Duration.ofSeconds(1));
        a.abort("a later");
        small.start(CutoverPlan.ofDefaults("c", "staging"));
        assertThat(small.all()).extracting(Cutover::route).containsExactly("a", "c");
    }

    @Test
    void holdsAtMost256Routes() {
        for (int i = 0; i < Cutovers.MAX_ROUTES; i++) {
            cutovers.start(CutoverPlan.ofDefaults("route-" + i, "staging"));
        }
        assertThatThrownBy(() -> cutovers.start(CutoverPlan.ofDefaults("one-more", "staging")))
                .hasMessage("cutovers: 256 routes running or paused (expected: at most 256)");
        // a route that already has one may still start again once it is finished
        cutovers.get("route-0").orElseThrow().abort("restart");
        assertThat(cutovers.start(CutoverPlan.ofDefaults("route-0", "canary")).state())
                .isEqualTo(CutoverState.RUNNING);
    }
}
