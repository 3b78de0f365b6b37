package dev.shunt.backend.model;

import dev.shunt.protocol.ModelMetadata;

/** A loaded model that a server serves: thread-safe, hands each worker its own instance. */
public interface ServedModel extends AutoCloseable {

    /** The name clients use in {@code /v2/models/{name}}. */
    default String name() {
        return metadata().name();
    }

    /** Inputs and outputs as the v2 protocol describes them; the batch dimension is -1. */
    ModelMetadata metadata();

    /** Where the model runs, e.g. {@code cpu()} or {@code gpu(0)}. */
    String device();

    /** A new instance for one worker thread. */
    ModelInstance newInstance();

    @Override
    void close();
}
