package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated {@code shunt.yaml}: every route names only configured pools.
 *
 * @param listener where the gateway listens
 * @param pools the pools by name, in file order
 * @param routes the routes, first serving route wins
 * @param resilience retries and default deadlines
 * @param admin the admin API
 * @param tracing traces over OTLP, when configured (read at start only)
 * @param replicas the static peer list of this gateway's replicas, when configured (read at start only)
 * @param kubernetesReplicas this gateway's replicas on Kubernetes (a Lease, a ConfigMap and a headless
 *     Service), when configured instead (read at start only); with neither, it is a single replica
 *     that leads itself
 * @param debug what clients may see of the inside, for debugging (all off by default)
 * @param source the YAML text it was read from (shown by {@code GET /admin/config})
 */
public record GatewayConfig(ListenerConfig listener, Map<String, PoolConfig> pools, List<RouteConfig> routes,
        ResilienceConfig resilience, AdminConfig admin, Optional<TracingConfig> tracing, Optional<ReplicasConfig> replicas,
        Optional<KubernetesReplicasConfig> kubernetesReplicas, DebugConfig debug, String source) {

    public GatewayConfig {
        requireNonNull(listener, "listener");
        pools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(pools, "pools")));
        routes = List.copyOf(requireNonNull(routes, "routes"));
        requireNonNull(resilience, "resilience");
        requireNonNull(admin, "admin");
        requireNonNull(tracing, "tracing");
        requireNonNull(replicas, "replicas");
        requireNonNull(kubernetesReplicas, "kubernetesReplicas");
        if (replicas.isPresent() && kubernetesReplicas.isPresent()) {
            throw new IllegalArgumentException("replicas: a static peer list and kubernetes (expected: one of them)");
        }
        requireNonNull(debug, "debug");
        requireNonNull(source, "source");
        replicas.ifPresent(r -> AdminReach.checkSelf(r, listener, admin));
    }

    /** With replicas, nothing shown for debugging. */
    public GatewayConfig(ListenerConfig listener, Map<String, PoolConfig> pools, List<RouteConfig> routes,
            ResilienceConfig resilience, AdminConfig admin, Optional<TracingConfig> tracing, Optional<ReplicasConfig> replicas,
            Optional<KubernetesReplicasConfig> kubernetesReplicas, String source) {
        this(listener, pools, routes, resilience, admin, tracing, replicas, kubernetesReplicas, DebugConfig.off(), source);
    }

    /** Without replicas: a single replica. */
    public GatewayConfig(ListenerConfig listener, Map<String, PoolConfig> pools, List<RouteConfig> routes,
            ResilienceConfig resilience, AdminConfig admin, Optional<TracingConfig> tracing, String source) {
        this(listener, pools, routes, resilience, admin, tracing, Optional.empty(), Optional.empty(), source);
    }

    /** The configured replicas, or this one alone at the admin API's address. */
    public ReplicasConfig replicasOrSingle() {
        return replicas.orElseGet(() -> ReplicasConfig.single(AdminReach.adminAddress(listener, admin)));
    }

    /** The port the admin API is served on: {@code admin.listener}'s when set, else the listener's. */
    public int adminPort() {
        return AdminReach.adminAddress(listener, admin).port();
    }

    /** The first route serving the model. */
    public Optional<RouteConfig> routeFor(String model) {
        return routes.stream().filter(r -> r.serves(model)).findFirst();
    }
}
