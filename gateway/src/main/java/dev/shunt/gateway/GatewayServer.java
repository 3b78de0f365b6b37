package dev.shunt.gateway;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.admin.AdminAuth;
import dev.shunt.gateway.admin.AdminRoutes;
import dev.shunt.gateway.admin.ShadowAdminRoutes;
import dev.shunt.gateway.cutover.Cutovers;
import dev.shunt.gateway.mirror.MirrorSender;
import dev.shunt.gateway.mirror.Mirrors;
import dev.shunt.gateway.classify.Classifier;
import dev.shunt.gateway.config.ConfigException;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.PoolConfig;
import dev.shunt.gateway.error.GatewayError;
import dev.shunt.gateway.error.GatewayErrors;
import dev.shunt.gateway.forward.Forwarder;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.pool.DnsDiscoverer;
import dev.shunt.gateway.pool.HealthChecker;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.gateway.proxy.ProxyHandler;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.ServerMetadata;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP edge, wired in one place: the v2 inference route (classified, routed, forwarded),
 * the gateway's own health and metadata, and {@code /metrics}.
 */
public final class GatewayServer {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private static final int MIRROR_CONNECTIONS = 256;
    private static final java.time.Duration CUTOVER_TICK = java.time.Duration.ofSeconds(1);

    private final Vertx vertx;
    private final Clock clock;
    private final AtomicReference<GatewayConfig> config;
    private final AtomicReference<Map<String, Pool>> pools = new AtomicReference<>();
    private final GatewayMetrics metrics;
    private final InferenceCodec codec = new InferenceCodec();
    private final dev.shunt.gateway.error.ErrorResponses errors = new dev.shunt.gateway.error.ErrorResponses(codec);
    private final Map<String, HealthChecker> checkers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, DnsDiscoverer> discoverers = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConfigSource source;
    private final java.util.function.Function<String, String> env;
    private final AtomicReference<AdminAuth> auth = new AtomicReference<>();
    private final WebClient healthClient;
    private final int maxConnections;
    private final AtomicReference<String> deployment = new AtomicReference<>();
    private final Mirrors mirrors;
    private final Cutovers cutovers;
    private long cutoverTicker = -1;

    /** Where a reload reads the new config from (the {@code --config} file); throws {@link ConfigException}. */
    @FunctionalInterface
    public interface ConfigSource {
        GatewayConfig load();
    }

    /** A gateway whose config cannot be reloaded (tests, embedding). */
    public GatewayServer(Vertx vertx, GatewayConfig config, Clock clock) {
        this(vertx, config, clock, () -> {
            throw new ConfigException("this gateway was started without a config file");
        }, System::getenv);
    }

    public GatewayServer(Vertx vertx, GatewayConfig config, Clock clock, ConfigSource source,
            java.util.function.Function<String, String> env) {
        this(vertx, config, clock, source, env, new GatewayMetrics());
    }

    /** With the metrics the Vert.x instance also reports to (see {@link GatewayVertx}). */
    public GatewayServer(Vertx vertx, GatewayConfig config, Clock clock, ConfigSource source,
            java.util.function.Function<String, String> env, GatewayMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.vertx = requireNonNull(vertx, "vertx");
        this.source = requireNonNull(source, "source");
        this.env = requireNonNull(env, "env");
        this.auth.set(AdminAuth.of(config.admin(), env));
        this.clock = requireNonNull(clock, "clock");
        this.config = new AtomicReference<>(requireNonNull(config, "config"));
        int maxConnections = config.pools().values().stream().mapToInt(PoolConfig::maxConnectionsPerBackend).max().orElse(64);
        this.maxConnections = maxConnections;
        this.healthClient = WebClient.create(vertx);
        Map<String, Pool> live = new LinkedHashMap<>();
        config.pools().forEach((name, pool) -> live.put(name, new Pool(pool, clock)));
        pools.set(Map.copyOf(live));
        metrics.bindPools(live.values());
        this.mirrors = new Mirrors(clock);
        this.cutovers = new Cutovers(clock);
        bindRouteMetrics(config);
    }

    /** Shadow figures for every mirrored route, cutover weight for every route with a cutover plan. */
    private void bindRouteMetrics(GatewayConfig cfg) {
        for (var route : cfg.routes()) {
            if (route.mirror().isPresent()) {
                metrics.bindShadow(route.name(), mirrors::snapshot);
            }
            if (route.cutover().isPresent()) {
                metrics.bindCutover(route.name(), cutovers::get);
            }
        }
    }

    /**
     * Binds the listener on one edge per event loop (each with its own router and its own HTTP client,
     * so a request and its forward stay on one thread; Vert.x shares the port between them) and starts
     * health checks; the future gives the port. With port 0, a single edge.
     */
    public Future<Integer> start() {
        pools.get().values().forEach(this::startChecks);
        cutoverTicker = vertx.setPeriodic(CUTOVER_TICK.toMillis(), id -> cutovers.tickAll());
        GatewayConfig cfg = config.get();
        int edges = cfg.listener().port() == 0 ? 1 : cfg.listener().eventLoops();
        AtomicReference<Integer> port = new AtomicReference<>();
        return vertx.deployVerticle(() -> new Edge(cfg, port), new io.vertx.core.DeploymentOptions().setInstances(edges))
                .map(id -> {
                    deployment.set(id);
                    log.info("shunt gateway listening on http://{}:{} ({} edge(s)) with pools {}", cfg.listener().host(),
                            port.get(), edges, pools.get().keySet());
                    return port.get();
                });
    }

    /** One event loop's listener, router and client. */
    private final class Edge extends io.vertx.core.VerticleBase {
        private final GatewayConfig cfg;
        private final AtomicReference<Integer> port;

        Edge(GatewayConfig cfg, AtomicReference<Integer> port) {
            this.cfg = cfg;
            this.port = port;
        }

        @Override
        public Future<?> start() {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                    new PoolOptions().setHttp1MaxSize(maxConnections));
            // mirrors have their own connections: a slow shadow never holds one the primaries need
            HttpClient mirrorClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                    new PoolOptions().setHttp1MaxSize(MIRROR_CONNECTIONS));
            return vertx.createHttpServer(new HttpServerOptions().setHost(cfg.listener().host())
                            .setPort(cfg.listener().port()).setTcpNoDelay(true))
                    .requestHandler(intake(cfg, client, mirrorClient)).listen().onSuccess(s -> port.compareAndSet(null, s.actualPort()));
        }
    }

    /** Ready when every pool some route needs has a healthy backend. */
    public boolean ready() {
        Map<String, Pool> live = pools.get();
        return config.get().routes().stream().flatMap(r -> r.pools().stream()).distinct()
                .allMatch(name -> live.containsKey(name) && live.get(name).snapshot().hasHealthyBackend());
    }

    /** The live pools, by name. */
    public Map<String, Pool> pools() {
        return pools.get();
    }

    private void startChecks(Pool pool) {
        pool.config().dns().ifPresent(dns -> {
            DnsDiscoverer discoverer = new DnsDiscoverer(vertx, pool, dns, added -> metrics.bindBackends(pool, added));
            DnsDiscoverer old = discoverers.put(pool.name(), discoverer);
            if (old != null) {
                old.close();
            }
            discoverer.start();
        });
        HealthChecker checker = new HealthChecker(vertx, healthClient, pool.config().healthCheck(), pool::backends);
        HealthChecker old = checkers.put(pool.name(), checker);
        if (old != null) {
            old.close();
        }
        checker.start();
    }

    /**
     * Reads the config again and applies it whole, or refuses it whole: the future gives null when
     * applied, else why it was refused (the running config stays). Pools whose settings did not change
     * keep their live state (health, breakers, in-flight); the listener needs a restart to change.
     */
    public Future<String> reload() {
        return vertx.executeBlocking(source::load, false).map(next -> {
            GatewayConfig current = config.get();
            AdminAuth nextAuth = AdminAuth.of(next.admin(), env);
            if (!next.listener().equals(current.listener())) {
                log.warn("listener settings changed in the new config; they take effect after a restart");
            }
            Map<String, Pool> live = new LinkedHashMap<>();
            List<Pool> fresh = new ArrayList<>();
            next.pools().forEach((name, poolConfig) -> {
                Pool old = pools.get().get(name);
                if (old != null && old.config().equals(poolConfig)) {
                    live.put(name, old);
                } else {
                    Pool pool = new Pool(poolConfig, clock);
                    live.put(name, pool);
                    fresh.add(pool);
                }
            });
            pools.get().keySet().stream().filter(name -> !live.containsKey(name)).forEach(name -> {
                HealthChecker gone = checkers.remove(name);
                if (gone != null) {
                    gone.close();
                }
                DnsDiscoverer goneDns = discoverers.remove(name);
                if (goneDns != null) {
                    goneDns.close();
                }
            });
            metrics.bindPools(fresh);
            fresh.forEach(this::startChecks);
            pools.set(Map.copyOf(live));
            auth.set(nextAuth);
            config.set(next);
            // cutovers and shadow reports are the server's, not the config's: they outlive a reload
            cutovers.retainRoutes(next.routes().stream().map(r -> r.name()).collect(java.util.stream.Collectors.toSet()));
            mirrors.retainRoutes(next.routes().stream().filter(r -> r.mirror().isPresent()).map(r -> r.name())
                    .collect(java.util.stream.Collectors.toSet()));
            bindRouteMetrics(next);
            log.info("config reloaded: pools {}, routes {}", live.keySet(), next.routes().size());
            return (String) null;
        }).recover(e -> {
            log.warn("new config refused, the running one stays: {}", e.getMessage());
            return Future.succeededFuture(e.getMessage() == null ? e.toString() : e.getMessage());
        });
    }

    /** Reloads when the file's modification time changes (checked every {@code period}). */
    public void watch(java.nio.file.Path file, java.time.Duration period) {
        AtomicReference<java.nio.file.attribute.FileTime> seen = new AtomicReference<>(modified(file));
        vertx.setPeriodic(period.toMillis(), id -> vertx.executeBlocking(() -> modified(file), false).onSuccess(time -> {
            if (time != null && !time.equals(seen.get())) {
                seen.set(time);
                log.info("{} changed: reloading", file);
                reload();
            }
        }));
    }

    private static java.nio.file.attribute.FileTime modified(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public Future<Void> stop() {
        if (cutoverTicker >= 0) {
            vertx.cancelTimer(cutoverTicker);
        }
        checkers.values().forEach(HealthChecker::close);
        discoverers.values().forEach(DnsDiscoverer::close);
        String id = deployment.getAndSet(null);
        Future<Void> closed = id == null ? Future.succeededFuture() : vertx.undeploy(id);
        return closed.eventually(() -> {
            healthClient.close();
            return Future.succeededFuture();
        });
    }

    private InferIntake intake(GatewayConfig cfg, HttpClient client, HttpClient mirrorClient) {
        ProxyHandler proxy = new ProxyHandler(config::get, pools::get, new Classifier(clock), new Forwarder(client),
                metrics, clock, mirrors, new MirrorSender(new Forwarder(mirrorClient), metrics), cutovers);
        return new InferIntake(cfg.listener().maxBodyBytes(), proxy, router(cfg, client, proxy), errors);
    }

    private Router router(GatewayConfig cfg, HttpClient client, ProxyHandler proxy) {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(cfg.listener().maxBodyBytes());
        for (String path : List.of("/v2/models/:model/infer", "/v2/models/:model/versions/:version/infer")) {
            // paths the intake leaves to the router (percent-encoded oddities) still work the same way
            router.post(path).handler((io.vertx.ext.web.handler.PlatformHandler) this::jsonOnly).handler(body)
                    .handler(ctx -> proxy.handle(ctx.request(), ctx.pathParam("model"),
                            ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer()));
        }
        new AdminRoutes(auth::get, () -> config.get().source(), pools::get, this::reload).mount(router);
        new ShadowAdminRoutes(config::get, mirrors, cutovers).mount(router);
        Forwarder metadataForwarder = new Forwarder(client);
        for (String path : List.of("/v2/models/:model", "/v2/models/:model/ready", "/v2/models/:model/versions/:version",
                "/v2/models/:model/versions/:version/ready")) {
            router.get(path).handler(ctx -> modelMetadata(ctx, metadataForwarder));
        }
        router.get("/v2/health/live").handler(ctx -> json(ctx, 200, "{\"live\":true}"));
        router.get("/v2/health/ready").handler(ctx -> json(ctx, ready() ? 200 : 503,
                ready() ? "{\"ready\":true}" : "{\"ready\":false}"));
        byte[] serverMetadata = codec.encodeJson(new ServerMetadata("shunt-gateway", "0.1.0", List.of()));
        router.get("/v2").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(serverMetadata)));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        router.errorHandler(404, ctx -> error(ctx, new GatewayError(404, "no such endpoint: "
                + ctx.request().method().name() + " " + shorten(ctx.request().path()), OptionalInt.empty(), "not_found")));
        router.errorHandler(405, ctx -> error(ctx, new GatewayError(405, "method " + ctx.request().method().name()
                + " is not allowed on " + shorten(ctx.request().path()), OptionalInt.empty(), "invalid")));
        router.errorHandler(413, ctx -> error(ctx, GatewayErrors.bodyTooLarge(cfg.listener().maxBodyBytes())));
        router.errorHandler(500, ctx -> {
            if (ctx.failure() != null) {
                log.warn("unexpected failure on {}", ctx.request().path(), ctx.failure());
            }
            error(ctx, GatewayErrors.of(ctx.failure() == null ? new IllegalStateException() : ctx.failure()));
        });
        return router;
    }

    /**
     * Model metadata and readiness come from a healthy backend of the pools the model's route uses,
     * passed through as the backend answered.
     */
    private void modelMetadata(RoutingContext ctx, Forwarder forwarder) {
        String model = ctx.pathParam("model");
        var route = config.get().routeFor(model);
        if (route.isEmpty()) {
            error(ctx, GatewayErrors.of(new dev.shunt.gateway.error.NoRoute("model \"" + shorten(model)
                    + "\" is not served by any route")));
            return;
        }
        var backend = route.get().pools().stream().sorted().map(name -> pools.get().get(name))
                .filter(java.util.Objects::nonNull).flatMap(pool -> pool.backends().stream())
                .filter(b -> b.healthy() && !b.circuitOpen()).findFirst();
        if (backend.isEmpty()) {
            error(ctx, GatewayErrors.of(new dev.shunt.gateway.error.NoBackendAvailable(
                    "no healthy backend can describe model " + shorten(model) + " now")));
            return;
        }
        forwarder.forward(backend.get().address().host(), backend.get().address().port(), io.vertx.core.http.HttpMethod.GET,
                ctx.request().uri(), io.vertx.core.MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(), 5000).onComplete(ar -> {
                    if (ar.failed()) {
                        error(ctx, GatewayErrors.of(new dev.shunt.gateway.error.UpstreamUnreachable(
                                "backend " + backend.get().id() + " failed before answering")));
                        return;
                    }
                    String type = ar.result().headers().get("Content-Type");
                    ctx.response().setStatusCode(ar.result().status())
                            .putHeader("Content-Type", type == null ? "application/json" : type)
                            .putHeader("X-Shunt-Backend", backend.get().id()).end(ar.result().body());
                });
    }

    /** The router's share of the intake's content-type rule (see {@link InferIntake#refuseNonJson}). */
    private void jsonOnly(RoutingContext ctx) {
        GatewayError refused = InferIntake.refuseNonJson(ctx.request());
        if (refused != null) {
            error(ctx, refused);
            return;
        }
        ctx.next();
    }

    private void error(RoutingContext ctx, GatewayError error) {
        errors.write(ctx.response(), error);
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
