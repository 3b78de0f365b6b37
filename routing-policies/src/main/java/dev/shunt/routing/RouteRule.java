package dev.shunt.routing;

import dev.shunt.vocabulary.LatencyClass;
import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule of an ordered rule list: conditions on the request, a target pool and an optional spill
 * pool. Every condition left at its default matches anything.
 *
 * @param name short stable name, the decision's reason ({@code [a-z0-9_-]}, at most 32 characters)
 * @param models model names it applies to, {@code *} for any
 * @param classes latency classes it applies to; empty for any
 * @param minRows smallest batch size (inclusive)
 * @param maxRows largest batch size (inclusive)
 * @param minBytes smallest body (inclusive)
 * @param maxBytes largest body (inclusive)
 * @param header a header that must be present with a value: {@code name}, lower case
 * @param headerValue the value that header must have
 * @param pool target pool
 * @param spill where to go when the target is saturated or down
 */
public record RouteRule(String name, Set<String> models, Set<LatencyClass> classes, long minRows, long maxRows,
        long minBytes, long maxBytes, Optional<String> header, Optional<String> headerValue, String pool,
        Optional<String> spill) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    public RouteRule {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: 1-32 of a-z, 0-9, _ and -)");
        }
        models = Set.copyOf(requireNonNull(models, "models"));
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models: [] (expected: model names or \"*\")");
        }
        classes = Set.copyOf(requireNonNull(classes, "classes"));
        if (minRows < 1 || maxRows < minRows) {
            throw new IllegalArgumentException("minRows..maxRows: " + minRows + ".." + maxRows
                    + " (expected: 1 <= minRows <= maxRows)");
        }
        if (minBytes < 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("minBytes..maxBytes: " + minBytes + ".." + maxBytes
                    + " (expected: 0 <= minBytes <= maxBytes)");
        }
        requireNonNull(header, "header");
        requireNonNull(headerValue, "headerValue");
        if (header.isPresent() != headerValue.isPresent()) {
            throw new IllegalArgumentException("header: expected both a header name and a value, or neither");
        }
        header = header.map(h -> h.toLowerCase(Locale.ROOT));
        requireNonNull(pool, "pool");
        requireNonNull(spill, "spill");
        if (spill.isPresent() && spill.get().equals(pool)) {
            throw new IllegalArgumentException("spill: \"" + pool + "\" (expected: a pool other than the rule's own)");
        }
    }

    /** A rule that sends everything to {@code pool}. */
    public static RouteRule any(String name, String pool, Optional<String> spill) {
        return new RouteRule(name, Set.of("*"), Set.of(), 1, Long.MAX_VALUE, 0, Long.MAX_VALUE, Optional.empty(),
                Optional.empty(), pool, spill);
    }

    /** Whether the request meets every condition. */
    public boolean matches(RequestProfile profile) {
        return (models.contains("*") || models.contains(profile.model()))
                && (classes.isEmpty() || classes.contains(profile.latencyClass()))
                && profile.batchSize() >= minRows && profile.batchSize() <= maxRows
                && profile.payloadBytes() >= minBytes && profile.payloadBytes() <= maxBytes
                && (header.isEmpty() || headerValue.get().equals(profile.headers().get(header.get())));
    }
}
