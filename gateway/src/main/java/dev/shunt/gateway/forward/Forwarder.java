package dev.shunt.gateway.forward;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;

/**
 * Sends one request to one backend with Vert.x's core HTTP client (keep-alive pools, the body passed
 * through as bytes) and reads the whole answer, within a timeout taken from the remaining deadline.
 * Failures come back as {@link UpstreamFailure}s that say how far the exchange got, so the caller
 * knows whether a retry is safe.
 */
public final class Forwarder {

    private final HttpClient client;

    public Forwarder(HttpClient client) {
        this.client = requireNonNull(client, "client");
    }

    /** Forwards with the connect timeout as long as the whole one. */
    public Future<UpstreamResponse> forward(String host, int port, HttpMethod method, String uri, MultiMap headers,
            Buffer body, long timeoutMs) {
        return forward(host, port, method, uri, headers, body, timeoutMs, timeoutMs);
    }

    /** Forwards with the backend's own address as the request's {@code Host}. */
    public Future<UpstreamResponse> forward(String host, int port, HttpMethod method, String uri, MultiMap headers,
            Buffer body, long timeoutMs, long connectTimeoutMs) {
        return forward(host, port, method, uri, headers, body, timeoutMs, connectTimeoutMs, null);
    }

    /**
     * Forwards; never throws, the future fails with an {@link UpstreamFailure}.
     *
     * @param authority the {@code Host} to send instead of the backend's address (an ingress or mesh
     *     routes by it), or null
     */
    public Future<UpstreamResponse> forward(String host, int port, HttpMethod method, String uri, MultiMap headers,
            Buffer body, long timeoutMs, long connectTimeoutMs, String authority) {
        String backend = host + ":" + port;
        long start = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(uri)
                .setHeaders(headers).setTimeout(Math.max(1, timeoutMs))
                .setConnectTimeout(Math.max(1, Math.min(timeoutMs, connectTimeoutMs)));
        ExchangeProgress progress = new ExchangeProgress();
        return client.request(options)
                .recover(failure -> Future.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECT_FAILED, backend,
                        "cannot connect to " + backend + ": " + FailureKinds.describe(failure))))
                .compose(request -> {
                    if (authority != null) {
                        HostAndPort parsed = HostAndPort.parseAuthority(authority, -1);
                        request.authority(parsed != null ? parsed : HostAndPort.authority(authority));
                    }
                    return send(request, body, progress);
                })
                .compose(response -> {
                    progress.responded = true;
                    return response.body().map(b -> new UpstreamResponse(response.statusCode(), response.headers(), b,
                            System.nanoTime() - start));
                })
                .recover(failure -> Future.failedFuture(FailureKinds.classify(failure, backend, progress.written,
                        progress.responded)));
    }

    private static Future<io.vertx.core.http.HttpClientResponse> send(HttpClientRequest request, Buffer body,
            ExchangeProgress progress) {
        request.end(body).onSuccess(v -> progress.written = true);
        return request.response();
    }

    /** How far one exchange got; touched on its connection's event loop only. */
    private static final class ExchangeProgress {
        boolean written;
        boolean responded;
    }
}
