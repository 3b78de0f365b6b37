package dev.shunt.gateway.replicas;

import dev.shunt.gateway.config.PeerAddress;
import java.util.Optional;

/**
 * Who leads a gateway's replicas, as this replica believes now. Two ways to agree: a static peer list
 * in {@code shunt.yaml} where the lowest live peer leads while a majority is live
 * ({@link PeerPoller}), or a Kubernetes {@code Lease}.
 */
public interface Leadership extends AutoCloseable {

    /** Starts taking part; returns at once, never blocks. */
    void start();

    /** This replica's own address, as its peers reach its admin API. */
    PeerAddress self();

    /** The leader's admin address; empty while none is known (starting, no majority, vacant lease). */
    Optional<PeerAddress> leader();

    /** Whether this replica leads now. */
    default boolean leads() {
        return leader().filter(self()::equals).isPresent();
    }

    /** Stops taking part; a leader gives its leadership up where the mechanism allows. */
    @Override
    void close();
}
