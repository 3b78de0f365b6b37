package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.classify.BodyBytes;
import dev.shunt.gateway.config.RouteConfig;
import dev.shunt.routing.Decision;
import dev.shunt.routing.RequestProfile;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A request once its route is chosen: what the later stages and the listeners need, fixed.
 *
 * @param requestId the client's {@code X-Request-Id}, or one made here
 * @param route the route that serves the model
 * @param modelLabel the model as a metric label
 * @param profile what classification found
 * @param decision the pool it goes to, with the reason, and where it spilled or was shifted from
 * @param uri the request's path and query, forwarded as they came
 * @param clientHeaders the client's headers as they came
 * @param body the client's body, never altered
 * @param bytes the same body as the byte array the peek and the timeout splice read
 * @param startNanos when the gateway took the request ({@link System#nanoTime()})
 * @param clientAddress the address the request came from, for {@code X-Forwarded-For}
 * @param jsonLength the JSON header's length when the body has binary tensors
 *     ({@code Inference-Header-Content-Length}); -1 when it is JSON alone
 */
public record RoutedRequest(String requestId, RouteConfig route, String modelLabel, RequestProfile profile,
        Decision.Route decision, String uri, MultiMap clientHeaders, Buffer body, BodyBytes bytes, long startNanos,
        String clientAddress, int jsonLength) {

    public RoutedRequest {
        requireNonNull(requestId, "requestId");
        requireNonNull(route, "route");
        requireNonNull(modelLabel, "modelLabel");
        requireNonNull(profile, "profile");
        requireNonNull(decision, "decision");
        requireNonNull(uri, "uri");
        requireNonNull(clientHeaders, "clientHeaders");
        requireNonNull(body, "body");
        requireNonNull(bytes, "bytes");
        requireNonNull(clientAddress, "clientAddress");
    }

    /** The body's JSON part as the peek and the splice read it: the whole body unless it has binary tensors. */
    public BodyBytes json() {
        return jsonLength < 0 ? bytes : new BodyBytes(bytes.array(), bytes.offset(), jsonLength);
    }

    /** The pool the decision chose. */
    public String pool() {
        return decision.pool();
    }

    /** The latency class as a wire name and metric label. */
    public String latencyClass() {
        return profile.latencyClass().wireName();
    }
}
