package dev.shunt.gateway.shadow;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One side's answer to a mirrored request: its HTTP status, body and latency, or why there was
 * no answer at all ({@link #failed(String, long)}: refused, reset, timed out). The body is not
 * copied; callers hand it over and do not change it afterwards.
 *
 * @param status the HTTP status, 100..599; 0 when the side failed
 * @param body the response body; empty when the side failed
 * @param latencyNanos time from sending the request to the answer (or the failure), {@code >= 0}
 * @param failure why there was no answer; empty when there was one
 * @param jsonLength the body's JSON header length when it carries binary outputs
 *     ({@code Inference-Header-Content-Length}); -1 when it is JSON alone
 */
public record Side(int status, byte[] body, long latencyNanos, String failure, int jsonLength) {

    private static final byte[] NO_BODY = new byte[0];

    public Side {
        requireNonNull(body, "body");
        requireNonNull(failure, "failure");
        Checks.nonNegative("side.latencyNanos", latencyNanos);
        if (failure.isEmpty() && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("side.status: " + status + " (expected: 100..599)");
        }
        if (!failure.isEmpty() && (status != 0 || body.length != 0)) {
            throw new IllegalArgumentException("side.status: " + status + " (expected: 0 and no body for a failed side)");
        }
        if (jsonLength < -1) {
            throw new IllegalArgumentException("side.jsonLength: " + jsonLength + " (expected: >= -1)");
        }
    }

    /** A side that answered with JSON. */
    public Side(int status, byte[] body, long latencyNanos) {
        this(status, body, latencyNanos, "", -1);
    }

    /** A side that answered; {@code jsonLength} as {@link #jsonLength()} says. */
    public static Side answered(int status, byte[] body, int jsonLength, long latencyNanos) {
        return new Side(status, body, latencyNanos, "", jsonLength);
    }


    /** A side that gave no answer, e.g. {@code failed("connection refused", 1_200_000)}. */
    public static Side failed(String why, long latencyNanos) {
        requireNonNull(why, "why");
        return new Side(0, NO_BODY, latencyNanos, why.isBlank() ? "no answer" : why, -1);
    }

    /** Whether the side answered with a status at all. */
    public boolean answered() {
        return failure.isEmpty();
    }

    /** Whether the side answered with a 2xx status. */
    public boolean success() {
        return answered() && status >= 200 && status < 300;
    }

    /** Whether this counts as an error: no answer, or a 5xx status. */
    public boolean error() {
        return !answered() || status >= 500;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Side s && status == s.status && Arrays.equals(body, s.body)
                && latencyNanos == s.latencyNanos && failure.equals(s.failure) && jsonLength == s.jsonLength;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + Arrays.hashCode(body)) + Long.hashCode(latencyNanos);
    }

    @Override
    public String toString() {
        return answered() ? "Side[" + status + ", " + body.length + " bytes]" : "Side[failed: " + failure + "]";
    }
}
