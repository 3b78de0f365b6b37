package dev.shunt.backend.testing;

import dev.shunt.backend.http.ModelServer;
import dev.shunt.backend.http.ServerOptions;
import dev.shunt.backend.launch.DjlRuntime;
import dev.shunt.backend.metrics.BackendMetrics;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.Ticker;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real model server in-process on a free loopback port: real DJL model, the scheduler under
 * test, real HTTP, and a strict blocked-thread checker on its event loops (the test's client runs
 * on a Vert.x of its own, so only the server's event loops are watched).
 */
public final class ServerFixture implements AutoCloseable {

    private final BlockedThreadWatch watch;
    private final ServedModel model;
    private final InferenceScheduler scheduler;
    private final ModelServer server;
    private final io.vertx.core.Vertx clientVertx;
    private final HttpProbe probe;
    private boolean stopped;

    public ServerFixture(String kind, ServedModel model, Function<ServedModel, InferenceScheduler> schedulerFactory,
            long maxBodyBytes) throws Exception {
        this(kind, model, schedulerFactory, maxBodyBytes, OpenTelemetry.noop());
    }

    /** A server whose inference requests are traced with {@code openTelemetry} (an SDK with an in-memory exporter). */
    public ServerFixture(String kind, ServedModel model, Function<ServedModel, InferenceScheduler> schedulerFactory,
            long maxBodyBytes, OpenTelemetry openTelemetry) throws Exception {
        this(kind, model, schedulerFactory, maxBodyBytes, openTelemetry, options -> options);
    }

    /** A server whose listener options are {@code adjust}ed from the fixture's (connection limits, h2c). */
    public ServerFixture(String kind, ServedModel model, Function<ServedModel, InferenceScheduler> schedulerFactory,
            long maxBodyBytes, java.util.function.UnaryOperator<ServerOptions> adjust) throws Exception {
        this(kind, model, schedulerFactory, maxBodyBytes, OpenTelemetry.noop(), adjust);
    }

    private ServerFixture(String kind, ServedModel model, Function<ServedModel, InferenceScheduler> schedulerFactory,
            long maxBodyBytes, OpenTelemetry openTelemetry, java.util.function.UnaryOperator<ServerOptions> adjust)
            throws Exception {
        DjlRuntime.offline();
        this.watch = new BlockedThreadWatch(200);
        this.model = model;
        this.scheduler = schedulerFactory.apply(model);
        ServerOptions options = new ServerOptions("127.0.0.1", 0, maxBodyBytes, ServerOptions.DEFAULT_INLINE_DECODE_BYTES,
                1, Duration.ofSeconds(10), "shunt-" + kind + "-backend", "test");
        this.server = new ModelServer(watch.vertx(), adjust.apply(options), model, scheduler,
                new BackendMetrics(kind, model.name(), model.device()), Ticker.system(), openTelemetry);
        int port = server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        this.clientVertx = io.vertx.core.Vertx.vertx();
        this.probe = new HttpProbe(clientVertx, port);
    }

    /** A client of this server. */
    public HttpProbe http() {
        return probe;
    }

    /** The scheduler behind the server. */
    public InferenceScheduler scheduler() {
        return scheduler;
    }

    /** The model served. */
    public ServedModel model() {
        return model;
    }

    /** Starts the graceful stop (readiness off, drain) and returns at once. */
    public io.vertx.core.Future<Void> beginStop() {
        stopped = true;
        return server.stop();
    }

    /** What the blocked-thread checker reported about event loops so far. */
    public List<String> blockedEventLoopReports() {
        return watch.eventLoopReports();
    }

    @Override
    public void close() throws Exception {
        probe.close();
        if (!stopped) {
            server.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        scheduler.close();
        model.close();
        watch.close();
        clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
