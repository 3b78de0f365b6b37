package dev.shunt.backend.model;

import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import java.util.List;

/**
 * One worker's handle on a model (a DJL predictor): not thread-safe, used by one thread at a time.
 */
public interface ModelInstance extends AutoCloseable {

    /**
     * Runs the model on inputs already validated against the model's metadata; the first dimension
     * of every input is the batch. Returns every output in metadata order, batch first.
     *
     * @throws dev.shunt.backend.error.ModelExecutionException when the engine fails
     */
    List<InferOutput> predict(List<InferInput> inputs);

    @Override
    void close();
}
