package dev.shunt.backend.model;

import static java.util.Objects.requireNonNull;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import java.util.List;

/** One worker's DJL predictor. */
final class DjlModelInstance implements ModelInstance {

    private final Predictor<List<InferInput>, List<InferOutput>> predictor;

    DjlModelInstance(Predictor<List<InferInput>, List<InferOutput>> predictor) {
        this.predictor = requireNonNull(predictor, "predictor");
    }

    @Override
    public List<InferOutput> predict(List<InferInput> inputs) {
        try {
            return predictor.predict(inputs);
        } catch (TranslateException | RuntimeException e) {
            throw new ModelExecutionException("model failed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        predictor.close();
    }
}
