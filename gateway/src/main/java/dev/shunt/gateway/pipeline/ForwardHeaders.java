package dev.shunt.gateway.pipeline;

import dev.shunt.gateway.forward.HopByHop;
import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The headers a backend gets: the client's own, edited in place rather than copied (the HTTP client
 * copies them once more anyway): hop-by-hop ones dropped; the request id and class set; the client's
 * address appended to {@code X-Forwarded-For}, {@code X-Forwarded-Proto} set when no proxy before set
 * it, and this hop appended to {@code Via}, as nginx and Envoy do; the remaining deadline set again
 * for each attempt.
 */
final class ForwardHeaders {

    private ForwardHeaders() {}

    /** This hop, as {@code Via} names it. */
    static final String VIA = "1.1 shunt";

    /** Once per request, before its first attempt. */
    static void prepare(MultiMap headers, String requestId, String latencyClass, String clientAddress) {
        List<String> drop = null;
        for (Map.Entry<String, String> e : headers) {
            if (HopByHop.is(e.getKey())) {
                if (drop == null) {
                    drop = new ArrayList<>(4);
                }
                drop.add(e.getKey());
            }
        }
        if (drop != null) {
            drop.forEach(headers::remove);
        }
        headers.set(ShuntHeaders.REQUEST_ID, requestId);
        headers.set(ShuntHeaders.LATENCY_CLASS, latencyClass);
        String forwardedFor = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", "http");
        }
        String via = headers.get("Via");
        headers.set("Via", via == null ? VIA : via + ", " + VIA);
    }

    /** Before each attempt. */
    static MultiMap withRemaining(MultiMap headers, Duration remaining) {
        headers.set(ShuntHeaders.REQUEST_TIMEOUT_MS, Long.toString(Math.max(1, remaining.toMillis())));
        return headers;
    }
}
