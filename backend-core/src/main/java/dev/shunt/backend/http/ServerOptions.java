package dev.shunt.backend.http;

import static java.util.Objects.requireNonNull;

import dev.shunt.connection.ConnectionLimits;
import java.time.Duration;

/**
 * How a model server listens.
 *
 * @param host address to bind (127.0.0.1 by default; 0.0.0.0 in a container)
 * @param port port to bind; 0 picks a free one
 * @param maxBodyBytes request bodies over this are answered 413
 * @param inlineDecodeBytes bodies up to this size are decoded on the event loop (microseconds);
 *     larger ones on a decoder thread, so the event loop never parses megabytes
 * @param eventLoops Vert.x event loop threads
 * @param shutdownGrace how long in-flight work may take to finish on SIGTERM
 * @param serverName reported by {@code GET /v2}
 * @param serverVersion reported by {@code GET /v2}
 * @param connections header, body and idle deadlines and the connection cap of the listener
 * @param h2c whether the listener also takes HTTP/2 over cleartext (a gateway's {@code mirror.protocol: h2c});
 *     while it does, Vert.x reads a connection's first request head before the server sees the connection,
 *     so the header deadline and the cap start there instead of at the first byte
 */
public record ServerOptions(
        String host,
        int port,
        long maxBodyBytes,
        int inlineDecodeBytes,
        int eventLoops,
        Duration shutdownGrace,
        String serverName,
        String serverVersion,
        ConnectionLimits connections,
        boolean h2c) {

    /** Default body cap: 64 MiB, enough for a 256-image convnet batch in JSON. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
    /** Default size up to which bodies are decoded on the event loop. */
    public static final int DEFAULT_INLINE_DECODE_BYTES = 64 * 1024;

    /**
     * The idle timeout when none is given, the gateway listener's too: above the gateway's (Vert.x's default)
     * 60 s client keep-alive, so the client, not the server, closes an idle pooled connection and never sends
     * on one being closed.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);

    /** The connection limits when none are given. */
    public static final ConnectionLimits DEFAULT_CONNECTIONS = new ConnectionLimits(ConnectionLimits.DEFAULT_HEADER_TIMEOUT,
            ConnectionLimits.DEFAULT_BODY_TIMEOUT, DEFAULT_IDLE_TIMEOUT, ConnectionLimits.DEFAULT_MAX_CONNECTIONS);

    public ServerOptions {
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
        if (inlineDecodeBytes < 0) {
            throw new IllegalArgumentException("inlineDecodeBytes: " + inlineDecodeBytes + " (expected: >= 0)");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops: " + eventLoops + " (expected: > 0)");
        }
        requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace: " + shutdownGrace + " (expected: >= 0)");
        }
        requireNonNull(serverName, "serverName");
        requireNonNull(serverVersion, "serverVersion");
        requireNonNull(connections, "connections");
    }

    /** With the default connection limits, h2c on. */
    public ServerOptions(String host, int port, long maxBodyBytes, int inlineDecodeBytes, int eventLoops,
            Duration shutdownGrace, String serverName, String serverVersion) {
        this(host, port, maxBodyBytes, inlineDecodeBytes, eventLoops, shutdownGrace, serverName, serverVersion,
                DEFAULT_CONNECTIONS, true);
    }

    /** These options with other connection limits and h2c on or off. */
    public ServerOptions withConnections(ConnectionLimits limits, boolean cleartextHttp2) {
        return new ServerOptions(host, port, maxBodyBytes, inlineDecodeBytes, eventLoops, shutdownGrace, serverName,
                serverVersion, limits, cleartextHttp2);
    }

    /** Loopback on {@code port} with every default. */
    public static ServerOptions loopback(int port, String serverName) {
        return new ServerOptions("127.0.0.1", port, DEFAULT_MAX_BODY_BYTES, DEFAULT_INLINE_DECODE_BYTES, 1,
                Duration.ofSeconds(10), serverName, "0.1.0");
    }
}
