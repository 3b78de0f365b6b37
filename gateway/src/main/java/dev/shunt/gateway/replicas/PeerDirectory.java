package dev.shunt.gateway.replicas;

import dev.shunt.gateway.config.PeerAddress;
import java.util.List;

/**
 * Where a gateway's replicas are, as their admin API is reached: the static peer list, or the
 * addresses behind a headless Service's DNS name on Kubernetes. The leader asks every peer for its
 * shadow and cutover windows; followers forward admin calls to the leader's address.
 */
public interface PeerDirectory extends AutoCloseable {

    /** Starts looking (a DNS directory resolves periodically); returns at once. */
    void start();

    /** Every replica known now, this one included, in address order; never blocks. */
    List<PeerAddress> peers();

    @Override
    void close();
}
