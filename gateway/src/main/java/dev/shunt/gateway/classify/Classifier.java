package dev.shunt.gateway.classify;

import dev.shunt.gateway.config.ResilienceConfig;
import dev.shunt.gateway.error.BadRequest;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.protocol.InvalidRequestException;
import dev.shunt.protocol.RequestPeek;
import dev.shunt.vocabulary.LatencyClass;
import dev.shunt.routing.RequestProfile;
import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a request into a {@link RequestProfile} with the protocol's streaming peek (the batch size,
 * read no further than the first input's shape; no tree built), the {@code X-Latency-Class} header or the route's default,
 * and the deadline from {@code X-Request-Timeout-Ms} or the class default, counted from the request's arrival.
 */
public final class Classifier {

    private static final long MAX_TIMEOUT_MS = 24L * 3600 * 1000;

    private final RequestPeek peek = new RequestPeek();

    /**
     * The request's profile.
     *
     * @param ruleHeaders the headers the route's rules match on, lower case: only these are captured
     * @param arrivedAt when the request arrived: its deadline counts from there
     * @throws BadRequest for a bad {@code X-Latency-Class} or {@code X-Request-Timeout-Ms}
     */
    public RequestProfile classify(String model, BodyBytes body, int jsonLength, MultiMap headers,
            LatencyClass defaultClass, Set<String> ruleHeaders, ResilienceConfig resilience, Instant arrivedAt) {
        String classHeader = headers.get(ShuntHeaders.LATENCY_CLASS);
        LatencyClass latencyClass = classHeader == null ? defaultClass : LatencyClass.parse(classHeader).orElseThrow(
                () -> new BadRequest("X-Latency-Class: \"" + shorten(classHeader) + "\" (expected: realtime, standard or batch)"));
        Duration timeout = requestTimeout(headers.get(ShuntHeaders.REQUEST_TIMEOUT_MS))
                .orElse(resilience.classDeadlines().get(latencyClass));
        // only the first input's shape is read: the data is never tokenized when the shape comes first;
        // the model server validates the whole request, so the element count is not computed here (0)
        long batch = batchSize(body, jsonLength, headers.get("Content-Encoding"));
        Instant deadline = arrivedAt.plus(timeout);
        return new RequestProfile(model, body.length(), Math.max(1, batch), 0, latencyClass, deadline,
                captured(headers, ruleHeaders));
    }

    /**
     * The client's own deadline from {@code X-Request-Timeout-Ms} ({@code header}, may be null); empty
     * without one.
     *
     * @throws BadRequest when it is not a whole number of milliseconds in 1..24 h
     */
    public static Optional<Duration> requestTimeout(String header) {
        if (header == null) {
            return Optional.empty();
        }
        long ms;
        try {
            ms = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("X-Request-Timeout-Ms: \"" + shorten(header)
                    + "\" (expected: a whole number of milliseconds, 1.." + MAX_TIMEOUT_MS + ")");
        }
        if (ms < 1 || ms > MAX_TIMEOUT_MS) {
            throw new BadRequest("X-Request-Timeout-Ms: " + ms + " (expected: 1.." + MAX_TIMEOUT_MS + " milliseconds)");
        }
        return Optional.of(Duration.ofMillis(ms));
    }

    /**
     * The JSON header's length from {@code Inference-Header-Content-Length} (binary tensor data); -1
     * without the header. A compressed body's header counts inflated bytes, so it is checked against
     * the body only once inflated, by the peek.
     *
     * @throws InvalidRequestException when it is not a byte count within the body
     */
    public static int jsonLength(MultiMap headers, BodyBytes body) {
        String header = headers.get(BinaryTensors.HEADER_LENGTH);
        if (header == null) {
            return -1;
        }
        boolean plain = BodyInflation.identity(headers.get("Content-Encoding"));
        return BinaryTensors.jsonLength(header, plain ? body.length() : Integer.MAX_VALUE);
    }

    /**
     * The batch size from the body's JSON (its header alone when it has binary tensors), or from its
     * inflated start when it is compressed. A compressed body whose shape lies past what is inflated
     * counts as one row (the model server reads it whole).
     */
    private long batchSize(BodyBytes body, int jsonLength, String encoding) {
        if (BodyInflation.identity(encoding)) {
            return peek.batchSize(body.array(), body.offset(), jsonLength < 0 ? body.length() : jsonLength);
        }
        int cap = jsonLength < 0 ? BodyInflation.PEEK_CAP : Math.min(BodyInflation.PEEK_CAP, jsonLength);
        BodyInflation.Prefix prefix = BodyInflation.prefix(body, encoding, cap);
        BodyBytes inflated = prefix.bytes();
        if (prefix.complete() && jsonLength > inflated.length()) {
            throw new InvalidRequestException(BinaryTensors.HEADER_LENGTH + ": "
                    + BinaryTensors.pastTheEnd(jsonLength, inflated.length()) + " (inflated)");
        }
        boolean wholeJson = prefix.complete() || jsonLength >= 0 && inflated.length() >= jsonLength;
        int length = jsonLength < 0 ? inflated.length() : Math.min(jsonLength, inflated.length());
        try {
            return peek.batchSize(inflated.array(), inflated.offset(), length);
        } catch (InvalidRequestException e) {
            if (wholeJson) {
                throw e;
            }
            return 1;
        }
    }

    private static Map<String, String> captured(MultiMap headers, Set<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(names.size() * 2);
        for (String name : names) {
            String value = headers.get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
