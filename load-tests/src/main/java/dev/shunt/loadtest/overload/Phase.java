package dev.shunt.loadtest.overload;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One stretch of the overload run: arrivals at {@code multiple} times the measured capacity for
 * {@code length}.
 *
 * @param name as in the report: {@code 1x}, {@code 3x}, ...
 */
record Phase(String name, double multiple, Duration length) {

    Phase {
        requireNonNull(name, "name");
        if (!(multiple > 0)) {
            throw new IllegalArgumentException("multiple: " + multiple + " (expected: > 0)");
        }
        requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("length: " + length + " (expected: > 0)");
        }
    }
}
