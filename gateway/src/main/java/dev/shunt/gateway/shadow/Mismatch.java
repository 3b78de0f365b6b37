package dev.shunt.gateway.shadow;

import static java.util.Objects.requireNonNull;

/**
 * One recent disagreement between the shadow and the primary.
 *
 * @param requestId the mirrored request's id (cut to 128 characters)
 * @param reason why they disagreed, as {@link Comparison#reason()}
 * @param at when it was recorded, ISO-8601 UTC, e.g. {@code 2026-11-22T12:00:00Z}
 */
public record Mismatch(String requestId, String reason, String at) {

    public Mismatch {
        requireNonNull(requestId, "requestId");
        requireNonNull(reason, "reason");
        requireNonNull(at, "at");
    }
}
