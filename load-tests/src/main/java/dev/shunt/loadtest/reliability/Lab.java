package dev.shunt.loadtest.reliability;

import static java.util.Objects.requireNonNull;

import dev.shunt.loadtest.ServerProcess;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the scenarios run on: the jars, a log folder, one Vert.x for loads and in-harness servers, an
 * admin token, and a pair of model servers kept for the whole suite (a production {@code mlp} and a
 * {@code candidate} one) for scenarios that do not break a model server. Everything started through
 * it is stopped when the scenario (or the lab) closes it.
 */
final class Lab implements AutoCloseable {

    private final Path cpuJar;
    private final Path gatewayJar;
    private final Path logDir;
    private final Vertx vertx = Vertx.vertx();
    private final String adminToken = UUID.randomUUID().toString().replace("-", "");
    private final Deque<AutoCloseable> scenarioScoped = new ArrayDeque<>();
    private ServerProcess sharedPrimary;
    private ServerProcess sharedCandidate;

    Lab(Path cpuJar, Path gatewayJar, Path logDir) {
        this.cpuJar = requireNonNull(cpuJar, "cpuJar");
        this.gatewayJar = requireNonNull(gatewayJar, "gatewayJar");
        this.logDir = requireNonNull(logDir, "logDir");
    }

    Vertx vertx() {
        return vertx;
    }

    String adminToken() {
        return adminToken;
    }

    Path logDir() {
        return logDir;
    }

    /** The suite's production model server (mlp, one worker), started at first use. */
    synchronized int primaryPort() throws Exception {
        if (sharedPrimary == null) {
            sharedPrimary = ServerProcess.start("shared-primary", cpuJar, List.of("--workers", "1", "--threads", "1"),
                    logDir, Map.of());
            warm(sharedPrimary.port());
        }
        return sharedPrimary.port();
    }

    /** The suite's candidate model server (mlp, candidate weights), started at first use. */
    synchronized int candidatePort() throws Exception {
        if (sharedCandidate == null) {
            sharedCandidate = ServerProcess.start("shared-candidate", cpuJar,
                    List.of("--variant", "candidate", "--workers", "1", "--threads", "1"), logDir, Map.of());
            warm(sharedCandidate.port());
        }
        return sharedCandidate.port();
    }

    /** 200 requests straight to a fresh model server, so that the scenarios do not measure its JIT warm-up. */
    static void warm(int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        byte[] body = dev.shunt.loadtest.RequestBodies.forModel("mlp", 1, 1).getBytes();
        for (int i = 0; i < 200; i++) {
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                    + "/v2/models/mlp/infer")).header("Content-Type", "application/json")
                    .timeout(java.time.Duration.ofSeconds(10))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    /** A model server of this scenario on {@code port} (0: a free one), stopped with the scenario. */
    ServerProcess cpuBackend(String name, int port) throws Exception {
        ServerProcess backend = ServerProcess.startOn(name, cpuJar, List.of("--workers", "1", "--threads", "1"), logDir,
                Map.of(), port == 0 ? ServerProcess.freePort() : port);
        return scoped(backend);
    }

    /** A gateway of this scenario on {@code port} with {@code yaml}, stopped with the scenario. */
    Gateway gateway(String name, int port, String yaml) throws Exception {
        return scoped(Gateway.start(name, gatewayJar, yaml, port, logDir, adminToken));
    }

    /** A misbehaving backend of this scenario. */
    FaultServer fault(Fault fault) throws Exception {
        return scoped(FaultServer.start(vertx, fault));
    }

    /** Anything else to close with the scenario. */
    <T extends AutoCloseable> T scoped(T closeable) {
        synchronized (scenarioScoped) {
            scenarioScoped.push(closeable);
        }
        return closeable;
    }

    /** Stops what the scenario started, newest first. */
    void endScenario() {
        while (true) {
            AutoCloseable next;
            synchronized (scenarioScoped) {
                next = scenarioScoped.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("reliability: closing " + next + " failed: " + e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        endScenario();
        for (ServerProcess shared : new ServerProcess[] {sharedPrimary, sharedCandidate}) {
            if (shared != null) {
                shared.close();
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
