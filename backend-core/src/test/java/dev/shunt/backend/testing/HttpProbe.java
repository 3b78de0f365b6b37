package dev.shunt.backend.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small blocking HTTP client for tests: real HTTP on loopback with the Vert.x Web Client, every
 * call bounded by a timeout so a test can never hang.
 */
public final class HttpProbe implements AutoCloseable {

    private final WebClient client;
    private final int port;

    public HttpProbe(Vertx vertx, int port) {
        this.client = WebClient.create(vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        this.port = port;
    }

    /** The port this probe talks to. */
    public int port() {
        return port;
    }

    /** GET a path. */
    public HttpResponse<Buffer> get(String path) {
        return await(client.request(HttpMethod.GET, path));
    }

    /** GET a path with headers. */
    public HttpResponse<Buffer> get(String path, Map<String, String> headers) {
        HttpRequest<Buffer> request = client.request(HttpMethod.GET, path);
        headers.forEach(request.headers()::set);
        return await(request);
    }

    /** POST a body with headers. */
    public HttpResponse<Buffer> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest<Buffer> request = client.request(HttpMethod.POST, path).timeout(60_000);
        MultiMap h = request.headers();
        headers.forEach(h::set);
        try {
            return request.sendBuffer(Buffer.buffer(body)).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " failed: " + e, e);
        }
    }

    /** POST a body with no extra headers. */
    public HttpResponse<Buffer> post(String path, byte[] body) {
        return post(path, body, Map.of("Content-Type", "application/json"));
    }

    /** Sends a request without waiting (for concurrency tests). */
    public java.util.concurrent.CompletableFuture<HttpResponse<Buffer>> postAsync(String path, byte[] body,
            Map<String, String> headers) {
        HttpRequest<Buffer> request = client.request(HttpMethod.POST, path).timeout(60_000);
        headers.forEach(request.headers()::set);
        return request.sendBuffer(Buffer.buffer(body)).toCompletionStage().toCompletableFuture();
    }

    private static HttpResponse<Buffer> await(HttpRequest<Buffer> request) {
        try {
            return request.timeout(30_000).send().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
