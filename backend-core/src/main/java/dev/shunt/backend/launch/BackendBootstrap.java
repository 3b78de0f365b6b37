package dev.shunt.backend.launch;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import dev.shunt.backend.http.ModelServer;
import dev.shunt.backend.http.ServerOptions;
import dev.shunt.backend.metrics.BackendMetrics;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.trace.OtlpTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up both servers share, wired by constructor injection in one place: load the model,
 * build the scheduler the server kind asks for, bind the HTTP port, and drain on SIGTERM.
 * DJL must already be configured ({@link DjlRuntime#configure}) before this runs.
 */
public final class BackendBootstrap {

    private static final Logger log = LoggerFactory.getLogger(BackendBootstrap.class);

    private static final int WARMUP_REQUESTS = 8;

    private final String kind;
    private final CommonFlags flags;
    private final ServerOptions options;

    /**
     * @param kind {@code cpu} or {@code gpu}: the metric label and the server's name
     * @param flags the common flags
     * @param port the port to bind
     */
    public BackendBootstrap(String kind, CommonFlags flags, int port) {
        this.kind = requireNonNull(kind, "kind");
        this.flags = requireNonNull(flags, "flags");
        this.options = flags.serverOptions(port, "shunt-" + kind + "-backend");
    }

    /**
     * Starts the server and returns once it listens (the JVM then lives on its non-daemon threads).
     *
     * @param device where the model runs
     * @param schedulerFactory builds the scheduler for the loaded model
     * @param extraMetrics registers the kind's own meters (sizing gauges, batch sizes)
     * @return 0 when serving, 1 when start-up failed (the reason is logged)
     */
    public int start(Device device, Function<ServedModel, InferenceScheduler> schedulerFactory,
            BiConsumer<BackendMetrics, InferenceScheduler> extraMetrics) {
        OpenTelemetry tracing;
        try {
            tracing = tracing(flags);
        } catch (RuntimeException e) {
            log.error("{}", e.getMessage());
            return 1;
        }
        ServedModel model;
        try {
            model = ModelLoader.load(flags, device);
        } catch (RuntimeException e) {
            log.error("cannot load the model: {}", e.getMessage());
            return 1;
        }
        BackendMetrics metrics = new BackendMetrics(kind, model.name(), model.device());
        InferenceScheduler scheduler = schedulerFactory.apply(model);
        extraMetrics.accept(metrics, scheduler);
        Warmup.run(model, scheduler, WARMUP_REQUESTS);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops()));
        ModelServer server = new ModelServer(vertx, options, model, scheduler, metrics, Ticker.system(), tracing);
        try {
            server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.error("cannot listen on {}:{}: {}", options.host(), options.port(), cause.getMessage());
            scheduler.close();
            model.close();
            vertx.close();
            return 1;
        }
        new ServerLifecycle(vertx, server, scheduler, model, options.shutdownGrace().toMillis()).installShutdownHook();
        return 0;
    }

    /** The SDK that exports to {@code --otlp-endpoint} (flushed and closed at exit), or noop without it. */
    private OpenTelemetry tracing(CommonFlags flags) {
        if (flags.otlpEndpoint().isEmpty()) {
            return OpenTelemetry.noop();
        }
        OpenTelemetrySdk sdk = OtlpTracing.create(flags.otlpEndpoint().get(), "shunt-" + kind + "-backend");
        Runtime.getRuntime().addShutdownHook(new Thread(sdk::close, "otlp-flush"));
        log.info("traces go to {} over OTLP", flags.otlpEndpoint().get());
        return sdk;
    }
}
