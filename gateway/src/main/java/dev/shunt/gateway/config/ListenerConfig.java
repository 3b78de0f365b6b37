package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.shunt.connection.ConnectionLimits;
import java.time.Duration;

/**
 * Where the gateway listens, what it accepts and how it stops.
 *
 * @param host address to bind
 * @param port port to bind (0 picks a free one)
 * @param maxBodyBytes request bodies over this are answered 413
 * @param eventLoops Vert.x event loops (one per core is the usual choice)
 * @param drainGrace on SIGTERM, how long requests in flight (and their mirrors) may take to finish
 *     before the gateway closes what is left and exits
 * @param maxHeaderBytes the request line and headers together at most (a large JWT or cookie needs more
 *     than HTTP servers' usual 8 KiB); over it the answer is {@code 431}
 * @param accessLog one log line per inference request (logger {@code shunt.access}); a reload applies it
 * @param headerTimeout from a request's first byte until its headers are complete; over it {@code 408} and close
 * @param bodyTimeout from a request's complete headers until its whole body has arrived; over it {@code 408} and close
 * @param idleTimeout how long a connection may stay open with no request in progress
 * @param maxConnections connections open at once; one more is closed as soon as it is accepted
 */
public record ListenerConfig(String host, int port, long maxBodyBytes, int eventLoops, Duration drainGrace,
        int maxHeaderBytes, boolean accessLog, Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout,
        int maxConnections) {

    /** The drain grace when the config names none. */
    public static final Duration DEFAULT_DRAIN_GRACE = Duration.ofSeconds(30);

    /** The header limit when the config names none: 32 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 32 * 1024;

    /**
     * The idle timeout when the config names none: above the 60 s idle timeout of common load balancers in
     * front (so they, not the gateway, close an idle connection, and never send on one being closed).
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);

    public ListenerConfig {
        Checks.notBlank("listener.host", host);
        Checks.between("listener.port", port, 0, 65535);
        Checks.positive("listener.maxBodyBytes", maxBodyBytes);
        Checks.positive("listener.eventLoops", eventLoops);
        Checks.positive("listener.drainGrace", requireNonNull(drainGrace, "drainGrace"));
        Checks.between("listener.maxHeaderBytes", maxHeaderBytes, 1024, 1024 * 1024);
        Checks.positive("listener.headerTimeout", requireNonNull(headerTimeout, "headerTimeout"));
        Checks.positive("listener.bodyTimeout", requireNonNull(bodyTimeout, "bodyTimeout"));
        Checks.positive("listener.idleTimeout", requireNonNull(idleTimeout, "idleTimeout"));
        Checks.positive("listener.maxConnections", maxConnections);
    }

    /** With the connection limits' defaults. */
    public ListenerConfig(String host, int port, long maxBodyBytes, int eventLoops, Duration drainGrace,
            int maxHeaderBytes, boolean accessLog) {
        this(host, port, maxBodyBytes, eventLoops, drainGrace, maxHeaderBytes, accessLog,
                ConnectionLimits.DEFAULT_HEADER_TIMEOUT, ConnectionLimits.DEFAULT_BODY_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
                ConnectionLimits.DEFAULT_MAX_CONNECTIONS);
    }

    /** The listener's connection limits, as the connection guard takes them. */
    public ConnectionLimits connectionLimits() {
        return new ConnectionLimits(headerTimeout, bodyTimeout, idleTimeout, maxConnections);
    }
}
