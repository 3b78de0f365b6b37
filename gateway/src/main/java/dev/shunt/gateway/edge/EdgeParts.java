package dev.shunt.gateway.edge;

import static java.util.Objects.requireNonNull;

import dev.shunt.connection.ConnectionGuard;
import dev.shunt.gateway.admin.AdminAuth;
import dev.shunt.gateway.admin.AdminRoutes;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.cutover.Cutovers;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.mirror.Mirrors;
import dev.shunt.gateway.pool.LivePools;
import dev.shunt.gateway.replicas.PeerClient;
import dev.shunt.gateway.replicas.ReplicaCoordinator;
import dev.shunt.gateway.trace.GatewayTracing;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What every edge shares, owned by the gateway: the config in force, the live pools, the metrics,
 * the mirroring and cutover state, the admin token and reload, readiness, the drain flag, tracing and
 * the coordination of this gateway's replicas and the client that calls them, and the listener's
 * connection limits (one count of open connections over all edges).
 */
public record EdgeParts(Supplier<GatewayConfig> config, LivePools pools, GatewayMetrics metrics, Clock clock,
        Mirrors mirrors, Cutovers cutovers, Supplier<AdminAuth> auth, AdminRoutes.Reloader reloader,
        BooleanSupplier ready, BooleanSupplier draining, GatewayTracing tracing, ReplicaCoordinator replicas,
        PeerClient peerClient, ConnectionGuard connections) {

    public EdgeParts {
        requireNonNull(config, "config");
        requireNonNull(pools, "pools");
        requireNonNull(metrics, "metrics");
        requireNonNull(clock, "clock");
        requireNonNull(mirrors, "mirrors");
        requireNonNull(cutovers, "cutovers");
        requireNonNull(auth, "auth");
        requireNonNull(reloader, "reloader");
        requireNonNull(ready, "ready");
        requireNonNull(draining, "draining");
        requireNonNull(tracing, "tracing");
        requireNonNull(replicas, "replicas");
        requireNonNull(peerClient, "peerClient");
        requireNonNull(connections, "connections");
    }
}
