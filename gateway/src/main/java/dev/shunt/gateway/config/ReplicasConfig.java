package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway replicas of one deployment ({@code replicas:}), a static peer list: each replica polls
 * every peer's {@code GET /admin/replica} every {@code heartbeat}, counts a peer live while it answered
 * within {@code timeout}, and the lowest live address leads. Read only at start.
 *
 * @param self this replica's address, one of {@code peers}: its admin API's ({@code admin.listener}'s when
 *     set, else the listener's; the port is checked against it)
 * @param peers every replica's admin API address, this one included, no two alike
 * @param heartbeat how often each peer is polled, > 0
 * @param timeout how long a peer counts as live after its last answer, > {@code heartbeat}
 */
public record ReplicasConfig(PeerAddress self, List<PeerAddress> peers, Duration heartbeat, Duration timeout) {

    /** The heartbeat when none is configured. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(500);
    /** The timeout when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public ReplicasConfig {
        requireNonNull(self, "self");
        peers = List.copyOf(requireNonNull(peers, "peers"));
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("peers: [] (expected: every replica's host:port, self included)");
        }
        Map<PeerAddress, Integer> seen = new HashMap<>();
        for (int i = 0; i < peers.size(); i++) {
            Integer first = seen.putIfAbsent(peers.get(i), i);
            if (first != null) {
                throw new IllegalArgumentException("peers[" + i + "]: \"" + peers.get(i)
                        + "\" (expected: an address no other peer has; peers[" + first + "] has it)");
            }
        }
        if (!seen.containsKey(self)) {
            throw new IllegalArgumentException("self: \"" + self + "\" (expected: one of peers: " + peers + ")");
        }
        Checks.positive("heartbeat", heartbeat);
        Checks.positive("timeout", timeout);
        if (timeout.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > heartbeat, " + heartbeat + ")");
        }
    }

    /** A replica alone: it is its only peer and leads itself. */
    public static ReplicasConfig single(PeerAddress self) {
        return new ReplicasConfig(self, List.of(self), DEFAULT_HEARTBEAT, DEFAULT_TIMEOUT);
    }
}
