package dev.shunt.gateway.forward;

import static java.util.Objects.requireNonNull;

import io.vertx.core.net.ClientSSLOptions;
import java.util.Optional;

/**
 * Where one exchange goes and how: the backend's address, the {@code Host} it gets and, for a pool
 * with TLS, the options its connection is made with. Every caller of a backend gets it from the
 * backend's pool ({@code Pool.target}), so inference, health checks, metadata and copies agree.
 *
 * @param host the backend's host name or address, connected to
 * @param port its port
 * @param hostHeader the {@code Host} to send instead of {@code host:port} (the pool's {@code host}), if any
 * @param tls TLS to the backend, if its pool has it
 */
public record UpstreamTarget(String host, int port, Optional<String> hostHeader, Optional<Tls> tls) {

    public UpstreamTarget {
        requireNonNull(host, "host");
        requireNonNull(hostHeader, "hostHeader");
        requireNonNull(tls, "tls");
    }

    /** Plain HTTP to {@code host:port}, which is also the {@code Host} sent. */
    public static UpstreamTarget plain(String host, int port) {
        return new UpstreamTarget(host, port, Optional.empty(), Optional.empty());
    }

    /** {@code host:port}, the backend's id in failures. */
    public String id() {
        return host + ":" + port;
    }

    /**
     * TLS to one backend.
     *
     * @param options the pool's options, one instance for all its requests: Vert.x keeps a connection
     *     pool per distinct options, server and name
     * @param serverName the name the backend's certificate is checked against; Java's TLS also sends it
     *     as SNI when it is a DNS name with a dot
     */
    public record Tls(ClientSSLOptions options, String serverName) {
        public Tls {
            requireNonNull(options, "options");
            requireNonNull(serverName, "serverName");
        }
    }
}
