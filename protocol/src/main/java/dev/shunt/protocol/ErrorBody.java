package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

/** The protocol's error body: {@code {"error": "..."}}. */
public record ErrorBody(String error) {

    public ErrorBody {
        requireNonNull(error, "error");
    }
}
