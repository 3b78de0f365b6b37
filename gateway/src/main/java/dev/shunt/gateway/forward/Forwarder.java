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
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * Forwards; never throws, the future fails with an {@link UpstreamFailure}. A TLS target's
     * connection goes to its address with the certificate checked against its server name; a failed
     * handshake is a connect failure (the request never left).
     */
    public Future<UpstreamResponse> forward(UpstreamTarget target, HttpMethod method, String uri, MultiMap headers,
            Buffer body, long timeoutMs, long connectTimeoutMs) {
        String backend = target.id();
        long start = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri)
                .setHeaders(headers).setTimeout(Math.max(1, timeoutMs))
                .setConnectTimeout(Math.max(1, Math.min(timeoutMs, connectTimeoutMs)));
        HostAndPort authority = address(options, target);
        ExchangeProgress progress = new ExchangeProgress();
        return client.request(options)
                .recover(failure -> Future.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECT_FAILED, backend,
                        "cannot connect to " + backend + ": " + FailureKinds.describe(failure))))
                .compose(request -> {
                    if (authority != null) {
                        request.authority(authority);
                    }
                    Future<UpstreamResponse> exchange = send(request, body, progress).compose(response -> {
                        progress.responded = true;
                        return response.body().map(b -> new UpstreamResponse(response.statusCode(), response.headers(),
                                b, System.nanoTime() - start));
                    });
                    // the request's timeout is an idle timeout: an answer trickling in a byte at a time restarts it
                    // forever; this bounds the whole exchange, and a reset frees the connection
                    long left = Math.max(1, timeoutMs - (System.nanoTime() - start) / 1_000_000);
                    return exchange.timeout(left, TimeUnit.MILLISECONDS).onFailure(failure -> {
                        if (failure instanceof TimeoutException) {
                            request.reset(0, failure);
                        }
                    });
                })
                .recover(failure -> Future.failedFuture(FailureKinds.classify(failure, backend, progress.written,
                        progress.responded)));
    }

    /**
     * Addresses the request; gives the {@code Host} to send when it is not the one Vert.x derives: the
     * target's own, or the backend's address when TLS names the peer otherwise (the server name is for
     * the certificate, not for the backend's routing).
     */
    private static HostAndPort address(RequestOptions options, UpstreamTarget target) {
        HostAndPort authority = target.hostHeader().map(Forwarder::parseAuthority).orElse(null);
        if (target.tls().isEmpty()) {
            options.setHost(target.host()).setPort(target.port());
            return authority;
        }
        UpstreamTarget.Tls tls = target.tls().get();
        // the peer Vert.x hands the TLS engine is the server name: the certificate is checked against it
        options.setServer(SocketAddress.inetSocketAddress(target.port(), target.host()))
                .setHost(tls.serverName()).setPort(target.port()).setSsl(true).setSslOptions(tls.options());
        if (authority == null && !tls.serverName().equals(target.host())) {
            authority = HostAndPort.create(target.host(), target.port());
        }
        return authority;
    }

    private static HostAndPort parseAuthority(String authority) {
        HostAndPort parsed = HostAndPort.parseAuthority(authority, -1);
        return parsed != null ? parsed : HostAndPort.authority(authority);
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
