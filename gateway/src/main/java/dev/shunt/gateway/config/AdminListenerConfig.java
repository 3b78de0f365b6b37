package dev.shunt.gateway.config;

/**
 * A listener of its own for the admin API, {@code /metrics} and health ({@code admin.listener:}), e.g.
 * on loopback or a port that only the cluster reaches; with it, the inference listener answers 404 for
 * {@code /admin/*} and {@code /metrics}. Read only at start.
 *
 * @param host address to bind
 * @param port port to bind (0 picks a free one)
 */
public record AdminListenerConfig(String host, int port) {

    public AdminListenerConfig {
        Checks.notBlank("admin.listener.host", host);
        Checks.between("admin.listener.port", port, 0, 65535);
    }

    @Override
    public String toString() {
        return "{host: " + host + ", port: " + port + "}";
    }
}
