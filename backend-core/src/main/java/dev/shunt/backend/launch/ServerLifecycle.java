package dev.shunt.backend.launch;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.http.ModelServer;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceScheduler;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a started server until SIGTERM/SIGINT, then drains it: readiness goes false, the listener
 * closes, in-flight work finishes within the grace, and the process exits.
 */
public final class ServerLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServerLifecycle.class);

    private final Vertx vertx;
    private final ModelServer server;
    private final InferenceScheduler scheduler;
    private final ServedModel model;
    private final long graceMs;

    public ServerLifecycle(Vertx vertx, ModelServer server, InferenceScheduler scheduler, ServedModel model, long graceMs) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.server = requireNonNull(server, "server");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.model = requireNonNull(model, "model");
        this.graceMs = graceMs;
    }

    /** Installs the shutdown hook; the JVM exits once the drain is done (or the grace plus 5 s passes). */
    public void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::drain, "shunt-shutdown"));
    }

    private void drain() {
        log.info("signal received: stopping");
        CountDownLatch done = new CountDownLatch(1);
        server.stop().onComplete(ar -> done.countDown());
        try {
            if (!done.await(graceMs + 5000, TimeUnit.MILLISECONDS)) {
                log.warn("drain did not finish within {} ms; exiting anyway", graceMs + 5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
        model.close();
        CountDownLatch closed = new CountDownLatch(1);
        vertx.close().onComplete(ar -> closed.countDown());
        try {
            closed.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
