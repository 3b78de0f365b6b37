package dev.shunt.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The settings the gateway reads only when it starts, so a reload cannot apply them:
 * <ul>
 *   <li>{@code listener.host}, {@code .port}, {@code .eventLoops} (the Vert.x instance and its
 *       servers) and {@code .maxBodyBytes} (each edge's intake and router);</li>
 *   <li>{@code listener.drainGrace} (each edge's drain is set up with it) and {@code .maxHeaderBytes}
 *       (each edge's server);</li>
 *   <li>{@code listener.headerTimeout}, {@code .bodyTimeout}, {@code .idleTimeout} and {@code .maxConnections}
 *       (the connection guard every edge's server shares);</li>
 *   <li>the largest {@code pools.<name>.maxConnectionsPerBackend}: each edge's HTTP client is sized
 *       with it, for every backend of every pool.</li>
 *   <li>{@code admin.listener} (the admin API's own listener is bound once, and the inference
 *       listener's routes are set up knowing whether it exists).</li>
 *   <li>{@code tracing} (the OpenTelemetry SDK is built once, at start).</li>
 *   <li>{@code replicas} (the peer polling is set up once, at start).</li>
 * </ul>
 */
final class StartOnlySettings {

    private StartOnlySettings() {}

    /** The start-only settings that differ, each as {@code path before -> after}; empty when none does. */
    static List<String> changed(GatewayConfig inForce, GatewayConfig next) {
        List<String> changes = new ArrayList<>();
        ListenerConfig a = inForce.listener();
        ListenerConfig b = next.listener();
        compare(changes, "listener.host", "\"" + a.host() + "\"", "\"" + b.host() + "\"");
        compare(changes, "listener.port", a.port(), b.port());
        compare(changes, "listener.eventLoops", a.eventLoops(), b.eventLoops());
        compare(changes, "listener.maxBodyBytes", a.maxBodyBytes(), b.maxBodyBytes());
        compare(changes, "listener.drainGrace", a.drainGrace(), b.drainGrace());
        compare(changes, "listener.maxHeaderBytes", a.maxHeaderBytes(), b.maxHeaderBytes());
        compare(changes, "admin.listener", adminListener(inForce), adminListener(next));
        compare(changes, "listener.headerTimeout", a.headerTimeout(), b.headerTimeout());
        compare(changes, "listener.bodyTimeout", a.bodyTimeout(), b.bodyTimeout());
        compare(changes, "listener.idleTimeout", a.idleTimeout(), b.idleTimeout());
        compare(changes, "listener.maxConnections", a.maxConnections(), b.maxConnections());
        compare(changes, "tracing", tracing(inForce), tracing(next));
        compare(changes, "replicas", replicas(inForce), replicas(next));
        int before = largestConnections(inForce.pools());
        int after = largestConnections(next.pools());
        if (before != after) {
            changes.add(String.join(", ", poolConnections(inForce.pools(), next.pools()))
                    + " (the largest over all pools, " + before + " -> " + after + ", sizes every edge's HTTP client)");
        }
        return List.copyOf(changes);
    }

    private static void compare(List<String> changes, String path, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(path + " " + before + " -> " + after);
        }
    }

    private static String adminListener(GatewayConfig config) {
        return config.admin().listener().map(AdminListenerConfig::toString).orElse("off");
    }

    private static String tracing(GatewayConfig config) {
        return config.tracing().map(t -> "{otlpEndpoint: " + t.otlpEndpoint() + ", serviceName: " + t.serviceName()
                + ", sampleRatio: " + t.sampleRatio() + "}").orElse("off");
    }

    private static String replicas(GatewayConfig config) {
        if (config.kubernetesReplicas().isPresent()) {
            return "{kubernetes: " + config.kubernetesReplicas().get() + "}";
        }
        return config.replicas().map(r -> "{self: " + r.self() + ", peers: " + r.peers() + ", heartbeat: "
                + r.heartbeat() + ", timeout: " + r.timeout() + "}").orElse("off");
    }

    private static int largestConnections(Map<String, PoolConfig> pools) {
        return pools.values().stream().mapToInt(PoolConfig::maxConnectionsPerBackend).max().orElse(0);
    }

    /** Each pool whose {@code maxConnectionsPerBackend} differs, added and removed pools included. */
    private static List<String> poolConnections(Map<String, PoolConfig> inForce, Map<String, PoolConfig> next) {
        TreeSet<String> names = new TreeSet<>(inForce.keySet());
        names.addAll(next.keySet());
        List<String> changes = new ArrayList<>();
        for (String name : names) {
            PoolConfig a = inForce.get(name);
            PoolConfig b = next.get(name);
            String path = "pools." + name + ".maxConnectionsPerBackend ";
            if (a == null) {
                changes.add(path + b.maxConnectionsPerBackend() + " (a new pool)");
            } else if (b == null) {
                changes.add(path + a.maxConnectionsPerBackend() + " (a pool removed)");
            } else if (a.maxConnectionsPerBackend() != b.maxConnectionsPerBackend()) {
                changes.add(path + a.maxConnectionsPerBackend() + " -> " + b.maxConnectionsPerBackend());
            }
        }
        return changes;
    }
}
