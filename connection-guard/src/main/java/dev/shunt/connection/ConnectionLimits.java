package dev.shunt.connection;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long a connection may take over each phase of a request, and how many connections may be open.
 *
 * @param headerTimeout from a request's first byte until its headers are complete; over it the answer is
 *     {@code 408} and the connection closes (a slowloris client sending a byte a second is cut off here)
 * @param bodyTimeout from a request's complete headers until its whole body has arrived; over it the answer
 *     is {@code 408} and the connection closes (a body shorter than its {@code Content-Length} ends here)
 * @param idleTimeout how long a connection may stay open with no request in progress; then it closes
 *     without an answer (nothing was asked)
 * @param maxConnections connections open at once; one more is closed as soon as it is accepted
 */
public record ConnectionLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {

    /** Headers are small: ten seconds is generous for any real client. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);

    /** Enough for the gateway's default 64 MiB body at about 2.2 MB/s. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

    /** Below the usual 1024-descriptor soft limit's multiples: sized for a raised {@code ulimit -n}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    public ConnectionLimits {
        positive("headerTimeout", headerTimeout);
        positive("bodyTimeout", bodyTimeout);
        positive("idleTimeout", idleTimeout);
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: > 0)");
        }
    }

    private static void positive(String name, Duration d) {
        requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
