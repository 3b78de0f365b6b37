package dev.shunt.loadtest;

import static java.util.Objects.requireNonNull;

import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * One kind of request in a mix: its name (the latency class it is sent as), its share of the arrivals,
 * its body and headers.
 *
 * @param name the label in reports, e.g. {@code realtime}
 * @param weight relative share of arrivals, {@code > 0}
 * @param path the URL path
 * @param body built once, sent as is
 * @param headers sent with every request of this kind
 */
public record RequestKind(String name, int weight, String path, Buffer body, Map<String, String> headers) {

    public RequestKind {
        requireNonNull(name, "name");
        if (weight < 1) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: > 0)");
        }
        requireNonNull(path, "path");
        requireNonNull(body, "body");
        headers = Map.copyOf(requireNonNull(headers, "headers"));
    }

    /** A kind sent with {@code X-Latency-Class: name} to the {@code mlp} model, {@code rows} rows a request. */
    public static RequestKind mlp(String latencyClass, int weight, int rows, long seed) {
        return new RequestKind(latencyClass, weight, "/v2/models/mlp/infer", RequestBodies.forModel("mlp", rows, seed),
                Map.of("Content-Type", "application/json", ShuntHeaders.LATENCY_CLASS, latencyClass));
    }
}
