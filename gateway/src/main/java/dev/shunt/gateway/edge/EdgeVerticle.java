package dev.shunt.gateway.edge;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.classify.Classifier;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.cutover.Cutover;
import dev.shunt.gateway.cutover.CutoverAccounting;
import dev.shunt.gateway.error.ErrorResponses;
import dev.shunt.gateway.forward.Forwarder;
import dev.shunt.gateway.mirror.MirrorListener;
import dev.shunt.gateway.mirror.MirrorSender;
import dev.shunt.gateway.pipeline.InferencePipeline;
import dev.shunt.gateway.pipeline.ResponseWriter;
import dev.shunt.gateway.pipeline.RouteSelection;
import dev.shunt.gateway.pipeline.UpstreamCall;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.routing.TrafficShift;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One event loop's edge: its listener (Vert.x shares the port between the edges), its own HTTP clients
 * (so a request and its forward stay on one thread; mirrors have their own connections, so a slow
 * shadow never holds one a primary needs), the inference pipeline and the service routes (the admin API
 * and {@code /metrics} among them unless {@code admin.listener} moves them to an {@link AdminVerticle}).
 * Stopping it drains: no new connections, requests in flight finish within the grace, then connections
 * close.
 */
public final class EdgeVerticle extends VerticleBase {

    /** Connections per shadow backend of each edge's HTTP/1.1 mirror client. */
    static final int MIRROR_CONNECTIONS = 256;

    /** Connections per shadow backend of each edge's h2c mirror client (each carries up to the shadow's stream limit). */
    static final int MIRROR_H2C_CONNECTIONS = 16;

    private static final long MIRROR_DRAIN_POLL_MS = 20;

    private final EdgeParts parts;
    private final GatewayConfig startConfig;
    private final int maxConnections;
    private final Consumer<Integer> bound;
    private HttpServer server;

    /**
     * @param startConfig the config the edge starts with: its listener settings hold until a restart
     * @param maxConnections keep-alive connections per backend of the primary client
     * @param bound told of the port the listener got
     */
    public EdgeVerticle(EdgeParts parts, GatewayConfig startConfig, int maxConnections, Consumer<Integer> bound) {
        this.parts = requireNonNull(parts, "parts");
        this.startConfig = requireNonNull(startConfig, "startConfig");
        this.maxConnections = maxConnections;
        this.bound = requireNonNull(bound, "bound");
    }

    @Override
    public Future<?> start() {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(maxConnections));
        HttpClient mirrorClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(MIRROR_CONNECTIONS));
        // h2c with prior knowledge: copies to a slow shadow multiplexed on a few connections; to a TLS
        // shadow pool h2, agreed by ALPN (HTTP/1.1 when the shadow offers no h2)
        HttpClient mirrorH2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                        .setHttp2ClearTextUpgrade(false).setUseAlpn(true).setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp2MaxSize(MIRROR_H2C_CONNECTIONS).setHttp1MaxSize(MIRROR_CONNECTIONS));
        InferenceCodec codec = new InferenceCodec();
        ErrorResponses errors = new ErrorResponses(codec);
        Forwarder forwarder = new Forwarder(client);
        InferencePipeline pipeline = pipeline(forwarder, new MirrorSender(new Forwarder(mirrorClient),
                new Forwarder(mirrorH2c), parts.metrics()), errors);
        InferIntake intake = new InferIntake(startConfig.listener().maxBodyBytes(), pipeline,
                new ServiceRoutes(parts, errors, codec).router(vertx, startConfig.listener().maxBodyBytes(), pipeline,
                        forwarder, startConfig.admin().listener().isEmpty()), errors, parts.clock());
        // 100 Continue at once for clients that wait for it before the body (curl does above 1 KiB); no h2c:
        // with it Vert.x holds a connection's first partial request before the connection guard can see it
        return vertx.createHttpServer(new HttpServerOptions().setHost(startConfig.listener().host())
                        .setPort(startConfig.listener().port()).setTcpNoDelay(true)
                        .setHandle100ContinueAutomatically(true)
                        .setHttp2ClearTextEnabled(false)
                        .setMaxHeaderSize(startConfig.listener().maxHeaderBytes()))
                .connectionHandler(parts.connections())
                .requestHandler(intake).listen().onSuccess(s -> {
                    server = s;
                    bound.accept(s.actualPort());
                });
    }

    private InferencePipeline pipeline(Forwarder forwarder, MirrorSender mirrorSender, ErrorResponses errors) {
        RouteSelection selection = new RouteSelection(parts.config(), parts.pools()::get, new Classifier(),
                this::shift, parts.metrics());
        return new InferencePipeline(selection,
                new UpstreamCall(forwarder, parts.metrics(), parts.clock()),
                new ResponseWriter(errors, parts.metrics(), parts.clock(), parts.draining(),
                        () -> parts.config().get().listener().accessLog(),
                        () -> parts.config().get().debug().exposeBackendAddresses()),
                List.of(new MirrorListener(parts.mirrors(), mirrorSender),
                        new CutoverAccounting(parts.cutovers())), parts.tracing());
    }

    /** The route's cutover while it sends some share to its candidate. */
    private Optional<TrafficShift> shift(String route) {
        Optional<Cutover> cutover = parts.cutovers().get(route);
        return cutover.isPresent() && cutover.get().weightPercent() > 0 ? Optional.of(cutover.get()) : Optional.empty();
    }

    @Override
    public Future<?> stop() {
        if (server == null) {
            return Future.succeededFuture();
        }
        long graceNanos = startConfig.listener().drainGrace().toNanos();
        long deadline = System.nanoTime() + graceNanos;
        return server.shutdown(Math.max(1, graceNanos / 1_000_000), TimeUnit.MILLISECONDS)
                .compose(v -> mirrorsDone(deadline));
    }

    /** Mirrors out still have their connections until they end or the grace is spent. */
    private Future<Void> mirrorsDone(long deadlineNanos) {
        Promise<Void> done = Promise.promise();
        if (parts.mirrors().inFlight() == 0 || System.nanoTime() >= deadlineNanos) {
            done.complete();
            return done.future();
        }
        vertx.setPeriodic(MIRROR_DRAIN_POLL_MS, timer -> {
            if (parts.mirrors().inFlight() == 0 || System.nanoTime() >= deadlineNanos) {
                vertx.cancelTimer(timer);
                done.tryComplete();
            }
        });
        return done.future();
    }
}
