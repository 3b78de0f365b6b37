package dev.shunt.gateway.config;

/**
 * Where the gateway listens and what it accepts.
 *
 * @param host address to bind
 * @param port port to bind (0 picks a free one)
 * @param maxBodyBytes request bodies over this are answered 413
 * @param eventLoops Vert.x event loops (one per core is the usual choice)
 */
public record ListenerConfig(String host, int port, long maxBodyBytes, int eventLoops) {

    public ListenerConfig {
        Checks.notBlank("listener.host", host);
        Checks.between("listener.port", port, 0, 65535);
        Checks.positive("listener.maxBodyBytes", maxBodyBytes);
        Checks.positive("listener.eventLoops", eventLoops);
    }
}
