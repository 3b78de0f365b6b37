package dev.shunt.gateway.replicas;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where the leader publishes the {@link ReplicatedState} and where every replica learns of a newer
 * one: the peers' admin API (static peers) or a ConfigMap (Kubernetes). Free of Vert.x, so that an
 * implementation may live where another HTTP stack runs; nothing here may block the caller.
 */
public interface StateChannel extends AutoCloseable {

    /**
     * Starts watching; {@code onNewer} is called, on any thread, with documents found that may
     * supersede the one this replica holds (the caller checks {@link ReplicatedState#supersedes}).
     */
    void start(Consumer<ReplicatedState> onNewer);

    /**
     * Publishes a document (the leader only). Fails when a document that supersedes it is already
     * there; that one then reaches {@code onNewer}.
     */
    CompletionStage<Void> publish(ReplicatedState state);

    /**
     * Whether this replica holds the newest document it can know of; a leader acts (ticks cutovers,
     * publishes, takes operators' calls) only once caught up, so it continues from the step published
     * last instead of an older one. A channel whose {@link #publish} refuses stale documents may
     * always answer true.
     */
    default boolean caughtUp() {
        return true;
    }

    @Override
    void close();
}
