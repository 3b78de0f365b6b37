package dev.shunt.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A model server stand-in that speaks HTTPS only, on 127.0.0.1: a Vert.x server with a certificate
 * from {@link TestCertificates} that answers {@code /v2/health/ready}, model metadata and v2 infer,
 * and keeps what it saw (each request, and each TLS handshake that failed). It reads SNI and offers h2
 * by ALPN; infer answers carry the SNI name the connection indicated in {@code X-Backend-Sni}.
 */
final class TlsBackend implements AutoCloseable {

    static final String ANSWER = "{\"model_name\":\"mlp\",\"outputs\":[{\"name\":\"output\",\"datatype\":\"FP32\","
            + "\"shape\":[1,1],\"data\":[1.0]}]}";

    static final String METADATA = "{\"name\":\"mlp\",\"platform\":\"tls-backend\"}";

    /** One request as the backend saw it. */
    record Seen(String path, HttpVersion version, String host, String sni) {}

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final List<Throwable> failedHandshakes = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    private TlsBackend(Path keyStore) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true).setUseAlpn(true)
                        .setKeyCertOptions(new PfxOptions().setPath(keyStore.toString())
                                .setPassword(TestCertificates.PASSWORD)))
                .exceptionHandler(failedHandshakes::add)
                .requestHandler(this::answer)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Serves the certificate of {@code keyStore} (from {@link TestCertificates#keyStore}). */
    static TlsBackend start(Path keyStore) throws Exception {
        return new TlsBackend(keyStore);
    }

    int port() {
        return server.actualPort();
    }

    /** The requests to {@code path} so far. */
    List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    private void answer(HttpServerRequest request) {
        String sni = request.connection().indicatedServerName();
        seen.add(new Seen(request.path(), request.version(), request.authority() == null ? null
                : request.authority().toString(), sni));
        request.body().onComplete(ar -> {
            if (request.path().equals("/v2/health/ready")) {
                request.response().end();
            } else if (request.path().endsWith("/infer")) {
                request.response().putHeader("Content-Type", "application/json")
                        .putHeader("X-Backend-Sni", String.valueOf(sni)).end(ANSWER);
            } else if (request.path().startsWith("/v2/models/")) {
                request.response().putHeader("Content-Type", "application/json").end(METADATA);
            } else {
                request.response().setStatusCode(404).end();
            }
        });
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
