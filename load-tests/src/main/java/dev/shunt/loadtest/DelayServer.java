package dev.shunt.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in shadow that answers every request with a fixed v2 response after a delay, without
 * holding a thread (a timer per request): the "shadow that takes 200 ms". Loopback only.
 */
final class DelayServer implements AutoCloseable {

    private static final Buffer BODY = Buffer.buffer(
            "{\"model_name\":\"mlp\",\"outputs\":[{\"name\":\"output\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[0.0]}]}");

    private final HttpServer server;

    private DelayServer(HttpServer server) {
        this.server = server;
    }

    static DelayServer start(Vertx vertx, Duration delay) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(ar ->
                vertx.setTimer(Math.max(1, delay.toMillis()), id -> request.response().setStatusCode(200)
                        .putHeader("Content-Type", "application/json").end(BODY))));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new DelayServer(server);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
