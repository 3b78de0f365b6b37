package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a tiny real HTTP server on loopback that answers 200 or 503. */
class ClosedLoopLoadTest {

    Vertx vertx;
    HttpServer server;
    final AtomicLong served = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            long n = served.incrementAndGet();
            if (n % 4 == 0) {
                request.response().setStatusCode(503).end();
            } else {
                request.response().putHeader("X-Batch-Size", "3").end("{}");
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void countsEveryAnswerByStatusAndStopsAtItsDuration() throws Exception {
        long start = System.nanoTime();
        LoadResult result = new ClosedLoopLoad(vertx).run(server.actualPort(), "/x", Buffer.buffer("{}"), Map.of(), 4,
                Duration.ofMillis(500));
        double elapsed = (System.nanoTime() - start) / 1e9;

        assertThat(elapsed).isLessThan(10);
        assertThat(result.ok()).isPositive();
        assertThat(result.ok() + result.errors()).isEqualTo(served.get());
        assertThat(result.errorsByStatus()).containsOnlyKeys(503);
        assertThat(result.errorsByStatus().get(503)).isEqualTo(served.get() / 4);
        assertThat(result.meanBatchSize()).isEqualTo(3.0);
        assertThat(result.meanResponseBytes()).as("the 200s' body, {}, not the 503s'").isEqualTo(2.0);
        assertThat(result.p99Ms()).isGreaterThanOrEqualTo(result.p50Ms()).isPositive();
    }

    @Test
    void connectionErrorsAreCountedAsStatusZero() throws Exception {
        int port = server.actualPort();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LoadResult result = new ClosedLoopLoad(vertx).run(port, "/x", Buffer.buffer("{}"), Map.of(), 2,
                Duration.ofMillis(200));
        assertThat(result.ok()).isZero();
        assertThat(result.errorsByStatus()).containsOnlyKeys(0);
        assertThat(result.meanResponseBytes()).isZero();
    }
}
