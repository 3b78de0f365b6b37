package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.PeerAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * One peer as a replica sees it.
 *
 * @param address the peer's address
 * @param live whether it answered within the timeout (this replica itself is always live)
 * @param lastSeen when it last answered (for this replica itself: now); empty if it never did
 */
public record PeerView(PeerAddress address, boolean live, Optional<Instant> lastSeen) {

    public PeerView {
        requireNonNull(address, "address");
        requireNonNull(lastSeen, "lastSeen");
    }
}
