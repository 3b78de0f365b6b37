package dev.shunt.gateway.forward;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request to one backend with Vert.x's core HTTP client (keep-alive pools, the body passed
 * through as bytes) and reads the whole answer, within a timeout taken from the remaining deadline.
 * Failures come back as {@link UpstreamFailure}s that say whether a retry is safe.
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

    /** Forwards; never throws, the future fails with an {@link UpstreamFailure}. */
    public Future<UpstreamResponse> forward(String host, int port, HttpMethod method, String uri, MultiMap headers,
            Buffer body, long timeoutMs, long connectTimeoutMs) {
        String backend = host + ":" + port;
        long start = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(uri)
                .setHeaders(headers).setTimeout(Math.max(1, timeoutMs)).setConnectTimeout(Math.max(1, Math.min(timeoutMs, connectTimeoutMs)));
        boolean[] responded = {false};
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> {
                    responded[0] = true;
                    return response.body().map(b -> new UpstreamResponse(response.statusCode(), response.headers(), b,
                            System.nanoTime() - start));
                })
                .recover(failure -> Future.failedFuture(classify(failure, backend, responded[0])));
    }

    static UpstreamFailure classify(Throwable failure, String backend, boolean responded) {
        if (failure instanceof UpstreamFailure u) {
            return u;
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof TimeoutException || message.contains("timeout") || message.contains("timed out")) {
            if (failure instanceof java.net.ConnectException || failure.getCause() instanceof java.net.ConnectException) {
                return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_FAILED, backend, "connect to " + backend + " timed out");
            }
            return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, backend, backend + " did not answer in time");
        }
        if (failure instanceof java.net.ConnectException || failure.getCause() instanceof java.net.ConnectException) {
            return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_FAILED, backend, "cannot connect to " + backend);
        }
        if (!responded && (failure instanceof HttpClosedException || message.contains("Connection reset")
                || message.contains("closed"))) {
            return new UpstreamFailure(UpstreamFailure.Kind.RESET_BEFORE_RESPONSE, backend,
                    backend + " closed the connection before answering");
        }
        return new UpstreamFailure(UpstreamFailure.Kind.OTHER, backend, backend + " failed: " + message);
    }
}
