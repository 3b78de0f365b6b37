package dev.shunt.routing;

import dev.shunt.vocabulary.LatencyClass;
import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * What the gateway knows of a request before routing it.
 *
 * @param model the model named in the path
 * @param payloadBytes body size
 * @param batchSize the first dimension of the inputs (rows)
 * @param elementCount tensor elements over all inputs
 * @param latencyClass from {@code X-Latency-Class} or the route's default
 * @param deadline when the client stops waiting
 * @param headers the few headers rules may match on, names lower case
 */
public record RequestProfile(String model, long payloadBytes, long batchSize, long elementCount,
        LatencyClass latencyClass, Instant deadline, Map<String, String> headers) {

    public RequestProfile {
        requireNonNull(model, "model");
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payloadBytes: " + payloadBytes + " (expected: >= 0)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
        }
        if (elementCount < 0) {
            throw new IllegalArgumentException("elementCount: " + elementCount + " (expected: >= 0)");
        }
        requireNonNull(latencyClass, "latencyClass");
        requireNonNull(deadline, "deadline");
        requireNonNull(headers, "headers");
        if (!headers.isEmpty()) { // per request: no stream machinery for the usual empty map
            Map<String, String> lower = new java.util.HashMap<>(headers.size() * 2);
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            headers = Map.copyOf(lower);
        }
    }

    /** Time left until the deadline (negative once it passed). */
    public Duration remaining(Clock clock) {
        return Duration.between(clock.instant(), deadline);
    }
}
