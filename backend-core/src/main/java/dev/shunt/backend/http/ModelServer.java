package dev.shunt.backend.http;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.ErrorResponses;
import dev.shunt.backend.error.HttpError;
import dev.shunt.backend.metrics.BackendMetrics;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.trace.InferenceTracing;
import dev.shunt.connection.ConnectionGuard;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.protocol.ErrorBody;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InvalidRequestException;
import dev.shunt.protocol.ServerMetadata;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v2 (Open Inference Protocol) HTTP front of a model server: health, metadata, inference and
 * {@code /metrics}. The scheduler behind it decides how inference runs (CPU worker pool, GPU
 * batcher); this class only speaks HTTP and never blocks its event loop.
 */
public final class ModelServer {

    private static final Logger log = LoggerFactory.getLogger(ModelServer.class);

    private final Vertx vertx;
    private final ServerOptions options;
    private final ServedModel model;
    private final InferenceScheduler scheduler;
    private final BackendMetrics metrics;
    private final InferenceCodec codec = new InferenceCodec();
    private final DecoderPool decoders;
    private final Ticker ticker;
    private final InferenceTracing tracing;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private HttpServer server;

    /** A server that makes no spans. */
    public ModelServer(Vertx vertx, ServerOptions options, ServedModel model, InferenceScheduler scheduler,
            BackendMetrics metrics, Ticker ticker) {
        this(vertx, options, model, scheduler, metrics, ticker, OpenTelemetry.noop());
    }

    /** A server whose inference requests are traced with {@code openTelemetry} (noop: off). */
    public ModelServer(Vertx vertx, ServerOptions options, ServedModel model, InferenceScheduler scheduler,
            BackendMetrics metrics, Ticker ticker, OpenTelemetry openTelemetry) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.options = requireNonNull(options, "options");
        this.model = requireNonNull(model, "model");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.metrics = requireNonNull(metrics, "metrics");
        this.ticker = requireNonNull(ticker, "ticker");
        this.tracing = InferenceTracing.of(openTelemetry);
        this.decoders = new DecoderPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 64);
        metrics.bindScheduler(scheduler, this::isReady);
    }

    /** Binds the port; the future gives the actual port (useful with port 0). */
    public Future<Integer> start() {
        Router router = router();
        HttpServerOptions serverOptions = new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setTcpNoDelay(true)
                .setCompressionSupported(true) // gzip/deflate answers for clients that accept them
                .setDecompressionSupported(true) // gzip/deflate request bodies (Triton's client compresses on request)
                .setHttp2ClearTextEnabled(options.h2c());
        if (options.h2c()) {
            // with h2c Vert.x reads a connection's first request head before the guard sees the connection:
            // until then only Vert.x's own idle timeout (no byte read or written) can close a silent one
            serverOptions.setIdleTimeout((int) Math.max(1, options.connections().idleTimeout().toSeconds()))
                    .setIdleTimeoutUnit(TimeUnit.SECONDS);
        }
        // one guard for all the server's event loops: one count of open connections
        ConnectionGuard guard = new ConnectionGuard(options.connections(),
                message -> codec.encodeJson(new ErrorBody(message)), metrics::connectionClosed);
        metrics.bindConnections(guard::open);
        return vertx.createHttpServer(serverOptions).connectionHandler(guard).requestHandler(router).listen().map(s -> {
            server = s;
            ready.set(true);
            log.info("{} serving model {} on {} at http://{}:{}/v2", options.serverName(), model.name(),
                    model.device(), options.host(), s.actualPort());
            return s.actualPort();
        });
    }

    /** Whether the server answers inference (false before start and while draining). */
    public boolean isReady() {
        return ready.get() && !stopping.get();
    }

    /**
     * Graceful stop: readiness goes false, the listener closes, queued and running jobs finish within
     * the grace, open requests get their answers, then the decoders stop.
     */
    public Future<Void> stop() {
        if (!stopping.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        long graceMs = options.shutdownGrace().toMillis();
        log.info("{} draining: up to {} ms for in-flight work", options.serverName(), graceMs);
        Future<Void> drained = Future.fromCompletionStage(scheduler.shutdown(options.shutdownGrace()));
        Future<Void> closed = server == null ? Future.succeededFuture()
                : server.shutdown(graceMs + 1000, TimeUnit.MILLISECONDS);
        return Future.join(drained, closed).<Void>mapEmpty().eventually(() -> {
            decoders.close();
            log.info("{} stopped", options.serverName());
            return Future.succeededFuture();
        });
    }

    private Router router() {
        Router router = Router.router(vertx);
        InferenceHandler infer = new InferenceHandler(model, scheduler, metrics, codec, decoders, ticker,
                options.inlineDecodeBytes(), tracing);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(options.maxBodyBytes());
        for (String path : List.of("/v2/models/:model/infer", "/v2/models/:model/versions/:version/infer")) {
            router.post(path).handler((io.vertx.ext.web.handler.PlatformHandler) this::jsonOnly).handler(body).handler(infer);
        }
        MetadataHandlers metadata = new MetadataHandlers(model, codec, this::isReady,
                new ServerMetadata(options.serverName(), options.serverVersion(), List.of(BinaryTensors.EXTENSION)));
        router.get("/v2/health/live").handler(metadata::live);
        router.get("/v2/health/ready").handler(metadata::ready);
        router.get("/v2").handler(metadata::server);
        router.get("/v2/models/:model").handler(metadata::model);
        router.get("/v2/models/:model/versions/:version").handler(metadata::model);
        router.get("/v2/models/:model/ready").handler(metadata::modelReady);
        router.get("/v2/models/:model/versions/:version/ready").handler(metadata::modelReady);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
        router.errorHandler(404, ctx -> error(ctx, ErrorResponses.noSuchPath(ctx.request().method().name(),
                ctx.request().path())));
        router.errorHandler(405, ctx -> error(ctx, ErrorResponses.methodNotAllowed(ctx.request().method().name(),
                ctx.request().path())));
        router.errorHandler(413, ctx -> {
            metrics.recordRequest("too_large", 0);
            error(ctx, ErrorResponses.bodyTooLarge(options.maxBodyBytes()));
        });
        router.errorHandler(400, ctx -> error(ctx, ErrorResponses.of(new InvalidRequestException(
                ctx.failure() == null ? "bad request" : "bad request: " + ctx.failure().getMessage()))));
        router.errorHandler(500, ctx -> {
            if (ctx.failure() != null) {
                log.warn("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            }
            error(ctx, ErrorResponses.of(ctx.failure() == null ? new IllegalStateException() : ctx.failure()));
        });
        return router;
    }

    /**
     * Bodies are JSON, or with binary tensor data a JSON header and tensor bytes, whatever the client
     * called them: curl's default form type is read as JSON (the body handler would otherwise try to
     * decode it as a form); multipart is refused.
     */
    private void jsonOnly(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            error(ctx, ErrorResponses.of(new InvalidRequestException("Content-Type: multipart (expected: application/json)")));
            return;
        }
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            ctx.request().headers().remove("Content-Type");
        }
        ctx.next();
    }

    private void error(RoutingContext ctx, HttpError error) {
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().setStatusCode(error.status()).end();
            return;
        }
        ErrorWriter.write(ctx.response(), error, codec);
    }

}
