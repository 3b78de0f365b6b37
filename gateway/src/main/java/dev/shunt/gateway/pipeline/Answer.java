package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * The event "the request was answered": what the client got from the upstream call.
 *
 * @param status the backend's status (0 when the call failed)
 * @param body the backend's body (empty when the call failed)
 * @param nanos the upstream call's time when answered; the gateway's time when it failed
 * @param failure why the call failed, when it did
 * @param contentEncoding the answer's {@code Content-Encoding} (gzip when the client asked for it), when any
 * @param jsonLength the answer's {@code Inference-Header-Content-Length} (binary outputs); -1 without one
 */
public record Answer(int status, Buffer body, long nanos, Optional<String> failure, Optional<String> contentEncoding,
        int jsonLength) {

    public Answer {
        requireNonNull(body, "body");
        requireNonNull(failure, "failure");
        requireNonNull(contentEncoding, "contentEncoding");
    }

    /** A backend's answer of JSON; {@code contentEncoding} may be null. */
    public static Answer of(int status, Buffer body, long nanos, String contentEncoding) {
        return of(status, body, nanos, contentEncoding, -1);
    }

    /** A backend's answer; {@code contentEncoding} may be null, {@code jsonLength} -1. */
    public static Answer of(int status, Buffer body, long nanos, String contentEncoding, int jsonLength) {
        return new Answer(status, body, nanos, Optional.empty(), Optional.ofNullable(contentEncoding), jsonLength);
    }

    /** A call that failed before any answer. */
    public static Answer failed(String why, long nanos) {
        return new Answer(0, Buffer.buffer(), nanos, Optional.of(why), Optional.empty(), -1);
    }

    /** Failed, or answered 5xx: an error of the serving side. */
    public boolean error() {
        return failure.isPresent() || status >= 500;
    }
}
