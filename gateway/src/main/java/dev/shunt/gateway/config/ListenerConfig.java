package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

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
 */
public record ListenerConfig(String host, int port, long maxBodyBytes, int eventLoops, Duration drainGrace,
        int maxHeaderBytes, boolean accessLog) {

    /** The drain grace when the config names none. */
    public static final Duration DEFAULT_DRAIN_GRACE = Duration.ofSeconds(30);

    /** The header limit when the config names none: 32 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 32 * 1024;

    public ListenerConfig {
        Checks.notBlank("listener.host", host);
        Checks.between("listener.port", port, 0, 65535);
        Checks.positive("listener.maxBodyBytes", maxBodyBytes);
        Checks.positive("listener.eventLoops", eventLoops);
        Checks.positive("listener.drainGrace", requireNonNull(drainGrace, "drainGrace"));
        Checks.between("listener.maxHeaderBytes", maxHeaderBytes, 1024, 1024 * 1024);
    }
}
