package dev.shunt.backend.error;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * What the client is told about a failure.
 *
 * @param status the HTTP status
 * @param message the {@code error} field of the JSON body
 * @param retryAfterSeconds a {@code Retry-After} value, when retrying later can help
 * @param outcome the metric label of this failure (a small closed set)
 */
public record HttpError(int status, String message, OptionalInt retryAfterSeconds, String outcome) {

    public HttpError {
        requireNonNull(message, "message");
        requireNonNull(retryAfterSeconds, "retryAfterSeconds");
        requireNonNull(outcome, "outcome");
    }
}
