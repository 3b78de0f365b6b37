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
 */
public record Answer(int status, Buffer body, long nanos, Optional<String> failure, Optional<String> contentEncoding) {

    public Answer {
        requireNonNull(body, "body");
        requireNonNull(failure, "failure");
        requireNonNull(contentEncoding, "contentEncoding");
    }

    /** A backend's answer; {@code contentEncoding} may be null. */
    public static Answer of(int status, Buffer body, long nanos, String contentEncoding) {
        return new Answer(status, body, nanos, Optional.empty(), Optional.ofNullable(contentEncoding));
    }

    /** A call that failed before any answer. */
    public static Answer failed(String why, long nanos) {
        return new Answer(0, Buffer.buffer(), nanos, Optional.of(why), Optional.empty());
    }

    /** Failed, or answered 5xx: an error of the serving side. */
    public boolean error() {
        return failure.isPresent() || status >= 500;
    }
}
