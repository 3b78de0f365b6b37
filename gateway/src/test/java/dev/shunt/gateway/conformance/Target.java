package dev.shunt.gateway.conformance;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.testing.HttpProbe;
import java.util.Map;

/**
 * One place a client talks to: a model server directly (one port per model, as each server serves
 * one) or a gateway (one port for every model). Requests for a model nobody serves go to the
 * {@code mlp} port.
 */
record Target(String name, HttpProbe mlp, HttpProbe ids) {

    Target {
        requireNonNull(name, "name");
        requireNonNull(mlp, "mlp");
        requireNonNull(ids, "ids");
    }

    /** The client that reaches {@code model}. */
    HttpProbe http(String model) {
        return model.equals("ids") ? ids : mlp;
    }

    /** GET {@code /v2...} where {@code model} is served. */
    Answer get(String model, String path) {
        return Answer.of(http(model).get(path));
    }

    /** POST {@code body} to {@code model}'s infer endpoint with exactly {@code headers}. */
    Answer infer(String model, byte[] body, Map<String, String> headers) {
        return post(model, "/v2/models/" + model + "/infer", body, headers);
    }

    /** POST {@code body} to {@code path} on the port that serves {@code model}. */
    Answer post(String model, String path, byte[] body, Map<String, String> headers) {
        return Answer.of(http(model).post(path, body, headers));
    }

    @Override
    public String toString() {
        return name;
    }
}
