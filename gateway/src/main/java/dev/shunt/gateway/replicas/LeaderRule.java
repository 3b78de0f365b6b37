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
 * most {@code timeout} ago (this replica always is), and while a majority of the peers is live
 * ({@code n / 2 + 1} of {@code n}), the lowest live address in {@link PeerAddress}'s order leads.
 * Every replica that sees the same peers live names the same leader; a replica cut off from the
 * majority names none, so the two sides of a partition never both lead.
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

    /** How many of {@code peers} replicas must be live for one to lead: a strict majority. */
    public static int quorum(int peers) {
        return peers / 2 + 1;
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
        PeerAddress lowestLive = null;
        int live = 0;
        for (PeerAddress peer : ordered) {
            Optional<Instant> seen = peer.equals(self) ? Optional.of(now) : Optional.ofNullable(lastSeen.get(peer));
            boolean isLive = seen.isPresent() && Duration.between(seen.get(), now).compareTo(timeout) <= 0;
            if (isLive) {
                live++;
                if (lowestLive == null) {
                    lowestLive = peer;
                }
            }
            views.add(new PeerView(peer, isLive, seen));
        }
        int quorum = quorum(ordered.size());
        return new ReplicaView(self, live >= quorum ? Optional.of(lowestLive) : Optional.empty(), views, quorum);
    }
}
