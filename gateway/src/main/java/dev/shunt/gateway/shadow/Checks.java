package dev.shunt.gateway.shadow;

import java.time.Duration;

/** Argument checks for this package's records; messages name the field, the value and what was expected. */
final class Checks {

    private Checks() {}

    static double nonNegativeFinite(String field, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: >= 0)");
        }
        return finite(field, value);
    }

    static double positiveFinite(String field, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
        }
        return finite(field, value);
    }

    private static double finite(String field, double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: finite)");
        }
        return value;
    }

    static double fraction(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: 0..1)");
        }
        return value;
    }

    static long positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: >= 0)");
        }
        return value;
    }

    static Duration positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a duration > 0)");
        }
        return value;
    }
}
