package dev.shunt.gateway.replicas;

import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * Where the leader publishes the {@link ReplicatedState} and where every replica learns of a newer
 * one: the peers' admin API (static peers) or a ConfigMap (Kubernetes).
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
    Future<Void> publish(ReplicatedState state);

    @Override
    void close();
}
