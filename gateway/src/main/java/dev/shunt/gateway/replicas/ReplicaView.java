package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.PeerAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a replica believes at one instant: itself, the leader, and every peer in address order.
 *
 * @param self this replica
 * @param leader the lowest live peer while at least {@code quorum} peers are live; empty otherwise
 * @param peers every configured peer, this one included, lowest address first
 * @param quorum how many peers must be live for one to lead
 */
public record ReplicaView(PeerAddress self, Optional<PeerAddress> leader, List<PeerView> peers, int quorum) {

    public ReplicaView {
        requireNonNull(self, "self");
        requireNonNull(leader, "leader");
        peers = List.copyOf(requireNonNull(peers, "peers"));
    }

    /** Whether this replica believes itself the leader. */
    public boolean leads() {
        return leader.filter(self::equals).isPresent();
    }

    /** How many peers are live, this one included. */
    public long live() {
        return peers.stream().filter(PeerView::live).count();
    }
}
