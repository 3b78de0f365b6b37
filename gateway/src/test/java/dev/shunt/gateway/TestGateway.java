package dev.shunt.gateway;

import static org.awaitility.Awaitility.await;

import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** A gateway on a free loopback port from a YAML text, ready (its pools' backends checked) before a test uses it. */
final class TestGateway implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final GatewayServer server;
    final HttpProbe http;

    private TestGateway(String yaml, Clock clock, Function<String, String> env, Supplier<String> reloadSource,
            boolean awaitReady) throws Exception {
        this(vertx -> {
            ConfigLoader loader = new ConfigLoader(clock);
            return new GatewayServer(vertx, loader.parse(yaml), clock, () -> loader.parse(reloadSource.get()), env);
        }, awaitReady);
    }

    private TestGateway(Function<Vertx, GatewayServer> build, boolean awaitReady) throws Exception {
        server = build.apply(vertx);
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        http = new HttpProbe(vertx, port);
        if (awaitReady) {
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/v2/health/ready").statusCode() == 200);
        }
    }

    /** A ready gateway whose spans go to {@code tracing} (the caller owns and closes it). */
    static TestGateway startTraced(String yaml, io.opentelemetry.api.OpenTelemetry tracing) throws Exception {
        return new TestGateway(vertx -> new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml),
                Clock.systemUTC(), () -> {
                    throw new IllegalStateException("no reload here");
                }, name -> null, new dev.shunt.gateway.metrics.GatewayMetrics(), tracing), true);
    }

    static TestGateway start(String yaml) throws Exception {
        return new TestGateway(yaml, Clock.systemUTC(), name -> null, () -> yaml, true);
    }

    /** A gateway that may never be ready (its pools' backends failing their checks). */
    static TestGateway startUnready(String yaml) throws Exception {
        return new TestGateway(yaml, Clock.systemUTC(), name -> null, () -> yaml, false);
    }

    /** A gateway that may never be ready, with the environment {@code env} (an admin token). */
    static TestGateway startUnready(String yaml, Function<String, String> env) throws Exception {
        return new TestGateway(yaml, Clock.systemUTC(), env, () -> yaml, false);
    }

    static TestGateway start(String yaml, Clock clock, Function<String, String> env) throws Exception {
        return new TestGateway(yaml, clock, env, () -> yaml, true);
    }

    /** A gateway whose reloads read {@code reloadSource}. */
    static TestGateway start(String yaml, Clock clock, Function<String, String> env, Supplier<String> reloadSource)
            throws Exception {
        return new TestGateway(yaml, clock, env, reloadSource, true);
    }

    int port() {
        return http.port();
    }

    @Override
    public void close() throws Exception {
        http.close();
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
