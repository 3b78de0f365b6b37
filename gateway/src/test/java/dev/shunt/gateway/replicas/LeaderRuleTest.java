package dev.shunt.gateway.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.gateway.config.PeerAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaderRuleTest {

    static final PeerAddress A = new PeerAddress("127.0.0.1", 8000);
    static final PeerAddress B = new PeerAddress("127.0.0.1", 8100);
    static final PeerAddress C = new PeerAddress("127.0.0.1", 8200);
    static final List<PeerAddress> PEERS = List.of(C, A, B);
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final LeaderRule rule = new LeaderRule(Duration.ofSeconds(2));
    final Map<PeerAddress, Instant> seen = new HashMap<>();

    @Test
    void theLowestLivePeerLeadsAndEveryReplicaSaysSo() {
        seen.put(A, T0);
        seen.put(B, T0);
        seen.put(C, T0);
        for (PeerAddress self : PEERS) {
            assertThat(rule.view(self, PEERS, seen, T0.plusMillis(500)).leader()).contains(A);
        }
        assertThat(rule.view(A, PEERS, seen, T0).leads()).isTrue();
        assertThat(rule.view(B, PEERS, seen, T0).leads()).isFalse();
    }

    @Test
    void aSilentLowestIsPassedOverOnceTheTimeoutHasPassedAndLeadsAgainWhenBack() {
        seen.put(A, T0);
        seen.put(C, T0.plusSeconds(2));
        assertThat(rule.view(B, PEERS, seen, T0.plusSeconds(2)).leader()).as("seen exactly timeout ago: still live")
                .contains(A);
        ReplicaView after = rule.view(B, PEERS, seen, T0.plusSeconds(2).plusMillis(1));
        assertThat(after.leader()).contains(B);
        assertThat(after.peers()).containsExactly(new PeerView(A, false, Optional.of(T0)),
                new PeerView(B, true, Optional.of(T0.plusSeconds(2).plusMillis(1))),
                new PeerView(C, true, Optional.of(T0.plusSeconds(2))));
        seen.put(A, T0.plusSeconds(3));
        assertThat(rule.view(B, PEERS, seen, T0.plusSeconds(3)).leader()).contains(A);
    }

    @Test
    void aReplicaCutOffFromTheMajorityNamesNoLeaderAndNeverSeenPeersAreNotLive() {
        ReplicaView view = rule.view(C, PEERS, Map.of(), T0);
        assertThat(view.leader()).isEmpty();
        assertThat(view.leads()).isFalse();
        assertThat(view.quorum()).isEqualTo(2);
        assertThat(view.peers()).extracting(PeerView::address).containsExactly(A, B, C);
        assertThat(view.peers().get(0)).isEqualTo(new PeerView(A, false, Optional.empty()));
    }

    @Test
    void aloneAReplicaLeads() {
        assertThat(rule.view(B, List.of(B), Map.of(), T0).leads()).isTrue();
    }

    @Test
    void addressesOrderByHostTextThenPortAsANumber() {
        PeerAddress lowPort = new PeerAddress("127.0.0.1", 900);
        assertThat(lowPort).isLessThan(A);
        assertThat(new PeerAddress("10.0.0.10", 1)).isLessThan(new PeerAddress("10.0.0.2", 1));
        assertThat(new PeerAddress("a.example", 9000)).isLessThan(new PeerAddress("b.example", 1));
        seen.put(lowPort, T0);
        assertThat(rule.view(A, List.of(A, lowPort), seen, T0).leader()).contains(lowPort);
    }

    @Test
    void entriesForUnknownAddressesAreIgnored() {
        seen.put(new PeerAddress("127.0.0.1", 1), T0);
        assertThat(rule.view(B, PEERS, seen, T0).leader()).isEmpty();
        seen.put(C, T0);
        assertThat(rule.view(B, PEERS, seen, T0).leader()).contains(B);
    }

    @Test
    void aMajorityIsMoreThanHalf() {
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(LeaderRule::quorum)).containsExactly(1, 2, 2, 3, 3);
        PeerAddress d = new PeerAddress("127.0.0.1", 8300);
        seen.put(B, T0);
        assertThat(rule.view(A, List.of(A, B, C, d), seen, T0).leader()).as("2 of 4 is not a majority").isEmpty();
        seen.put(C, T0);
        assertThat(rule.view(A, List.of(A, B, C, d), seen, T0).leader()).contains(A);
    }

    @Test
    void selfMustBeAPeer() {
        assertThatThrownBy(() -> rule.view(new PeerAddress("127.0.0.1", 1), PEERS, seen, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("self: 127.0.0.1:1");
        assertThatThrownBy(() -> new LeaderRule(Duration.ZERO)).hasMessage("timeout: PT0S (expected: > 0)");
    }
}
