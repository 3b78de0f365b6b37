package dev.shunt.gateway;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.admin.AdminAuth;
import dev.shunt.gateway.config.AdminListenerConfig;
import dev.shunt.gateway.config.ConfigException;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.PoolConfig;
import dev.shunt.gateway.config.RouteConfig;
import dev.shunt.gateway.cutover.Cutovers;
import dev.shunt.gateway.edge.AdminVerticle;
import dev.shunt.gateway.edge.EdgeParts;
import dev.shunt.connection.ConnectionGuard;
import dev.shunt.gateway.edge.EdgeVerticle;
import dev.shunt.protocol.ErrorBody;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.mirror.Mirrors;
import dev.shunt.gateway.pool.LivePools;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.gateway.replicas.PeerClient;
import dev.shunt.gateway.replicas.ReplicaCoordinator;
import dev.shunt.gateway.replicas.ReplicaSetup;
import dev.shunt.gateway.trace.GatewayTracing;
import dev.shunt.gateway.trace.OtlpTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway, wired in one place: the live pools, the mirroring and cutover state, the peer
 * replicas' liveness, the edges (one per event loop), reloads and the drain on stop. Everything request-shaped lives in the edges and
 * the pipeline; this class owns what outlives a request.
 */
public final class GatewayServer {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final Vertx vertx;
    private final Clock clock;
    private final AtomicReference<GatewayConfig> config;
    private final GatewayMetrics metrics;
    private final LivePools pools;
    private final Mirrors mirrors;
    private final Cutovers cutovers;
    private final ConfigReloads reloads;
    private final AtomicReference<AdminAuth> auth = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicReference<String> deployment = new AtomicReference<>();
    private final AtomicReference<String> adminDeployment = new AtomicReference<>();
    private final AtomicReference<Integer> adminPort = new AtomicReference<>();
    private final int maxConnections;
    private final GatewayTracing tracing;
    private final PeerClient peerClient;
    private final ReplicaCoordinator replicas;
    private final OpenTelemetrySdk ownedSdk;
    private final ConnectionGuard connections;

    /** A gateway whose config cannot be reloaded (tests, embedding). */
    public GatewayServer(Vertx vertx, GatewayConfig config, Clock clock) {
        this(vertx, config, clock, () -> {
            throw new ConfigException("this gateway was started without a config file");
        }, System::getenv);
    }

    public GatewayServer(Vertx vertx, GatewayConfig config, Clock clock, ConfigSource source, Function<String, String> env) {
        this(vertx, config, clock, source, env, new GatewayMetrics());
    }

    /**
     * With the metrics the Vert.x instance also reports to (see {@link GatewayVertx}); traces as the
     * config's {@code tracing} says (the SDK it builds is closed on {@link #stop()}).
     */
    public GatewayServer(Vertx vertx, GatewayConfig config, Clock clock, ConfigSource source,
            Function<String, String> env, GatewayMetrics metrics) {
        this(vertx, config, clock, source, env, metrics, OtlpTracing.create(config.tracing()), true);
    }

    /** With the OpenTelemetry given (noop: no spans), which the caller owns; the config's {@code tracing} is not read. */
    public GatewayServer(Vertx vertx, GatewayConfig config, Clock clock, ConfigSource source,
            Function<String, String> env, GatewayMetrics metrics, OpenTelemetry openTelemetry) {
        this(vertx, config, clock, source, env, metrics, openTelemetry, false);
    }

    private GatewayServer(Vertx vertx, GatewayConfig config, Clock clock, ConfigSource source,
            Function<String, String> env, GatewayMetrics metrics, OpenTelemetry openTelemetry, boolean owned) {
        this.tracing = GatewayTracing.of(openTelemetry);
        this.ownedSdk = owned && openTelemetry instanceof OpenTelemetrySdk sdk ? sdk : null;
        this.vertx = requireNonNull(vertx, "vertx");
        this.clock = requireNonNull(clock, "clock");
        NettyTuning.preloadJfrEvents();
        this.metrics = requireNonNull(metrics, "metrics");
        this.config = new AtomicReference<>(requireNonNull(config, "config"));
        this.auth.set(AdminAuth.of(config.admin(), env));
        this.pools = new LivePools(vertx, config.pools(), clock, metrics);
        this.mirrors = new Mirrors(clock);
        this.cutovers = new Cutovers(clock);
        this.maxConnections = config.pools().values().stream().mapToInt(PoolConfig::maxConnectionsPerBackend).max()
                .orElse(64);
        this.reloads = new ConfigReloads(vertx, source, env, this.config, auth, pools, mirrors, cutovers, metrics,
                this::judgesCutovers);
        ConfigReloads.bindRouteMetrics(metrics, config, mirrors, cutovers);
        this.peerClient = new PeerClient(vertx, auth::get, ReplicaSetup.callTimeout(config));
        this.replicas = ReplicaSetup.coordinator(vertx, config, clock, peerClient, cutovers, env);
        metrics.bindReplica(replicas.self().toString(), replicas::acting, () -> replicas.held().version());
        InferenceCodec codec = new InferenceCodec();
        this.connections = new ConnectionGuard(config.listener().connectionLimits(),
                message -> codec.encodeJson(new ErrorBody(message)), metrics::connectionClosed);
        metrics.bindConnections(connections::open);
    }

    /**
     * Starts health checks and binds the listener on one edge per event loop (Vert.x shares the port
     * between them); the future gives the port. With port 0, a single edge.
     */
    public Future<Integer> start() {
        pools.start();
        replicas.start();
        GatewayConfig cfg = config.get();
        int edges = cfg.listener().port() == 0 ? 1 : cfg.listener().eventLoops();
        AtomicReference<Integer> port = new AtomicReference<>();
        EdgeParts parts = new EdgeParts(config::get, pools, metrics, clock, mirrors, cutovers,
                auth::get, reloads::reload, this::ready, draining::get, tracing, replicas, peerClient, connections);
        return vertx.deployVerticle(() -> new EdgeVerticle(parts, cfg, maxConnections, p -> port.compareAndSet(null, p)),
                        new DeploymentOptions().setInstances(edges))
                .compose(id -> {
                    deployment.set(id);
                    log.info("shunt gateway listening on http://{}:{} ({} edge(s)) with pools {}", cfg.listener().host(),
                            port.get(), edges, pools.get().keySet());
                    return startAdminListener(cfg, parts);
                })
                .map(v -> port.get());
    }

    /** The admin listener, when {@code admin.listener} asks for one. */
    private Future<Void> startAdminListener(GatewayConfig cfg, EdgeParts parts) {
        if (cfg.admin().listener().isEmpty()) {
            return Future.succeededFuture();
        }
        AdminListenerConfig listener = cfg.admin().listener().get();
        return vertx.deployVerticle(new AdminVerticle(parts, listener, adminPort::set)).map(id -> {
            adminDeployment.set(id);
            log.info("admin API, /metrics and health on http://{}:{} (not on the inference listener)", listener.host(),
                    adminPort.get());
            return (Void) null;
        }).recover(e -> Future.failedFuture(new IllegalStateException("admin.listener " + listener.host() + ":"
                + listener.port() + ": " + e.getMessage(), e)));
    }

    /**
     * The port of the admin listener ({@code admin.listener}) once started; empty without one (the admin
     * API is then on the inference listener).
     */
    public OptionalInt adminPort() {
        Integer p = adminPort.get();
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    private boolean judgesCutovers() {
        return replicas.acting();
    }

    /**
     * Ready when not draining, once every backend of every pool has answered its first health check (so
     * a replica started during a cutover takes no traffic before the candidate pool's health is known),
     * and while some route has a pool with a healthy backend: a pool that is down (the whole GPU pool,
     * say) takes only its own routes' traffic away, which spills or gets 503, and the gateway stays in
     * the load balancer for the rest. Per-model readiness is {@code /v2/models/{m}/ready}.
     */
    public boolean ready() {
        if (draining.get() || !pools.allChecked()) {
            return false;
        }
        for (RouteConfig route : config.get().routes()) {
            if (pools.servingAny(route.pools())) {
                return true;
            }
        }
        return false;
    }

    /** The live pools, by name. */
    public Map<String, Pool> pools() {
        return pools.get();
    }

    /** See {@link ConfigReloads#reload()}. */
    public Future<String> reload() {
        return reloads.reload();
    }

    /** Reloads when the file's modification time changes (checked every {@code period}). */
    public void watch(java.nio.file.Path file, Duration period) {
        reloads.watch(file, period);
    }

    /**
     * Drains and stops: readiness turns 503 and every answer says {@code Connection: close}; each edge
     * stops accepting connections, lets requests in flight finish within {@code listener.drainGrace}
     * (closing each connection after its last answer) and gives mirrors still out what is left of the
     * grace; then checks and timers stop.
     */
    public Future<Void> stop() {
        draining.set(true);
        reloads.close();
        Future<Void> leave = vertx.executeBlocking(() -> {
            replicas.close(); // a Kubernetes lease is given up with API calls: off the event loop
            return null;
        });
        String id = deployment.getAndSet(null);
        String adminId = adminDeployment.getAndSet(null);
        Future<Void> edges = leave.transform(ignored -> id == null ? Future.succeededFuture() : vertx.undeploy(id))
                .transform(ignored -> adminId == null ? Future.succeededFuture() : vertx.undeploy(adminId));
        return edges.recover(e -> {
            log.warn("drain: {}", e.toString());
            return Future.succeededFuture();
        }).eventually(() -> {
            pools.close();
            peerClient.close();
            if (ownedSdk != null) {
                ownedSdk.shutdown(); // flushes on the exporter's thread; nothing waits for it here
            }
            return Future.succeededFuture();
        });
    }
}
