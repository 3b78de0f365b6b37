package dev.shunt.backend.http;

import dev.shunt.protocol.InvalidRequestException;
import dev.shunt.vocabulary.ShuntHeaders;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads how long a client will wait: the {@code X-Request-Timeout-Ms} header (milliseconds) and the
 * v2 {@code timeout} request parameter (microseconds, as Triton reads it). When both are given, the
 * sooner wins.
 */
final class Deadlines {

    private static final long MAX_TIMEOUT_MS = 24L * 3600 * 1000;

    private Deadlines() {}

    /** The header's timeout in nanoseconds; empty when absent. */
    static OptionalLong headerTimeoutNanos(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        long ms;
        try {
            ms = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(ShuntHeaders.REQUEST_TIMEOUT_MS + ": \"" + shorten(header)
                    + "\" (expected: a whole number of milliseconds, 1.." + MAX_TIMEOUT_MS + ")");
        }
        if (ms < 1 || ms > MAX_TIMEOUT_MS) {
            throw new InvalidRequestException(ShuntHeaders.REQUEST_TIMEOUT_MS + ": " + ms
                    + " (expected: 1.." + MAX_TIMEOUT_MS + " milliseconds)");
        }
        return OptionalLong.of(ms * 1_000_000);
    }

    /** The {@code timeout} request parameter in nanoseconds; empty when absent. */
    static OptionalLong parameterTimeoutNanos(Map<String, Object> parameters) {
        Object value = parameters.get("timeout");
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1) {
            throw new InvalidRequestException("parameters.timeout: " + value
                    + " (expected: a positive whole number of microseconds)");
        }
        long micros = Math.min(n.longValue(), MAX_TIMEOUT_MS * 1000);
        return OptionalLong.of(micros * 1000);
    }

    /** The sooner of two optional timeouts. */
    static OptionalLong sooner(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
