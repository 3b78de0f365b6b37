package dev.shunt.gateway.forward;

import static java.util.Objects.requireNonNull;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A backend's whole answer, passed to the client as it came (never re-serialized).
 *
 * @param status HTTP status
 * @param headers response headers
 * @param body response body
 * @param nanos time from send to the last byte
 */
public record UpstreamResponse(int status, MultiMap headers, Buffer body, long nanos) {

    public UpstreamResponse {
        requireNonNull(headers, "headers");
        requireNonNull(body, "body");
    }
}
