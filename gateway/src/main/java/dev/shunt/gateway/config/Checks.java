package dev.shunt.gateway.config;

import java.time.Duration;

/** Argument checks for config records; messages name the field, the value and what was expected. */
final class Checks {

    private Checks() {}

    static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    static long positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    static Duration positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a duration > 0)");
        }
        return value;
    }

    static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    static double between(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": " + (value == null ? "missing" : "\"\"") + " (expected: a non-empty string)");
        }
        return value;
    }
}
