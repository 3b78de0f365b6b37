package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.PeerAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who leads, as a pure function of when each peer was last seen: a peer is live when it was seen at
 * most {@code timeout} ago (this replica always is), and the lowest live address in
 * {@link PeerAddress}'s order leads. Every replica that sees the same peers live names the same leader.
 */
public final class LeaderRule {

    private final Duration timeout;

    public LeaderRule(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        this.timeout = timeout;
    }

    /**
     * The view from {@code self} at {@code now}; {@code lastSeen} holds when each peer last answered
     * (peers never seen are absent; entries for addresses outside {@code peers} are ignored).
     */
    public ReplicaView view(PeerAddress self, Collection<PeerAddress> peers, Map<PeerAddress, Instant> lastSeen,
            Instant now) {
        requireNonNull(self, "self");
        requireNonNull(lastSeen, "lastSeen");
        requireNonNull(now, "now");
        TreeSet<PeerAddress> ordered = new TreeSet<>(requireNonNull(peers, "peers"));
        if (!ordered.contains(self)) {
            throw new IllegalArgumentException("self: " + self + " (expected: one of " + ordered + ")");
        }
        List<PeerView> views = new ArrayList<>(ordered.size());
        PeerAddress leader = null;
        for (PeerAddress peer : ordered) {
            Optional<Instant> seen = peer.equals(self) ? Optional.of(now) : Optional.ofNullable(lastSeen.get(peer));
            boolean live = seen.isPresent() && Duration.between(seen.get(), now).compareTo(timeout) <= 0;
            if (live && leader == null) {
                leader = peer;
            }
            views.add(new PeerView(peer, live, seen));
        }
        return new ReplicaView(self, leader, views);
    }
}
