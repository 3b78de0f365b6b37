package dev.shunt.gateway.error;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * What the client is told.
 *
 * @param status HTTP status
 * @param message the {@code error} field of the JSON body
 * @param retryAfterSeconds a {@code Retry-After} value, when retrying later can help
 * @param outcome how the request ended (the metric label)
 */
public record GatewayError(int status, String message, OptionalInt retryAfterSeconds, Outcome outcome) {

    public GatewayError {
        requireNonNull(message, "message");
        requireNonNull(retryAfterSeconds, "retryAfterSeconds");
        requireNonNull(outcome, "outcome");
    }
}
