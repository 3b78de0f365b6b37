package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * Small requests to one pool, large ones to another. A request is small when its batch size is at
 * most {@code maxRows} and its body at most {@code maxBytes} (each only when set; at least one is).
 *
 * @param maxRows largest batch size that counts as small
 * @param maxBytes largest body that counts as small
 * @param smallPool where small requests go
 * @param largePool where large ones go
 * @param spill whether each spills to the other pool when its own cannot serve
 */
public record SizeThresholdConfig(OptionalLong maxRows, OptionalLong maxBytes, String smallPool, String largePool,
        boolean spill) {

    public SizeThresholdConfig {
        requireNonNull(maxRows, "maxRows");
        requireNonNull(maxBytes, "maxBytes");
        if (maxRows.isEmpty() && maxBytes.isEmpty()) {
            throw new IllegalArgumentException("maxRows, maxBytes: both missing (expected: at least one)");
        }
        if (maxRows.isPresent() && maxRows.getAsLong() < 1) {
            throw new IllegalArgumentException("maxRows: " + maxRows.getAsLong() + " (expected: > 0)");
        }
        if (maxBytes.isPresent() && maxBytes.getAsLong() < 1) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes.getAsLong() + " (expected: > 0)");
        }
        requireNonNull(smallPool, "smallPool");
        requireNonNull(largePool, "largePool");
    }
}
