package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.PeerAddress;
import java.util.List;

/**
 * What a replica believes at one instant: itself, the leader, and every peer in address order.
 *
 * @param self this replica
 * @param leader the lowest live peer
 * @param peers every configured peer, this one included, lowest address first
 */
public record ReplicaView(PeerAddress self, PeerAddress leader, List<PeerView> peers) {

    public ReplicaView {
        requireNonNull(self, "self");
        requireNonNull(leader, "leader");
        peers = List.copyOf(requireNonNull(peers, "peers"));
    }

    /** Whether this replica believes itself the leader. */
    public boolean leads() {
        return self.equals(leader);
    }
}
