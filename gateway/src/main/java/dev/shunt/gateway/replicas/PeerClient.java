package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.admin.AdminAuth;
import dev.shunt.gateway.config.PeerAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Calls to the other replicas' admin API with the shared admin token, each bounded by a timeout;
 * answers over {@value #MAX_ANSWER_BYTES} bytes are refused; never blocks. One client, keep-alive
 * connections, for every replica-to-replica call: heartbeats, state, windows and forwarded admin calls.
 */
public final class PeerClient implements AutoCloseable {

    /** The largest answer a peer may give; larger ones fail the call. */
    public static final int MAX_ANSWER_BYTES = 4 << 20;

    /** Set on an admin call a replica forwards, naming it; the receiver answers it itself. */
    public static final String FORWARDED_BY = "X-Shunt-Forwarded-By";

    private final WebClient client;
    private final Supplier<AdminAuth> auth;
    private final long timeoutMs;

    public PeerClient(Vertx vertx, Supplier<AdminAuth> auth, Duration timeout) {
        this.auth = requireNonNull(auth, "auth");
        this.timeoutMs = Math.max(1, requireNonNull(timeout, "timeout").toMillis());
        this.client = WebClient.create(requireNonNull(vertx, "vertx"), new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs)).setKeepAlive(true)
                .setUserAgentEnabled(false), new PoolOptions().setHttp1MaxSize(4));
    }

    /** Whether calls can be made: the admin API is on, so there is a token to send. */
    public boolean usable() {
        return auth.get().token().isPresent();
    }

    /** {@code GET path} on the peer; fails without a token, on timeout, or when the answer is too large. */
    public Future<HttpResponse<Buffer>> get(PeerAddress peer, String path) {
        return send(HttpMethod.GET, peer, path, Map.of(), null);
    }

    /**
     * A call with the given method, path (with its query), headers and body (null for none); the
     * token is the replica's own, whatever the headers say.
     */
    public Future<HttpResponse<Buffer>> send(HttpMethod method, PeerAddress peer, String uri, Map<String, String> headers,
            Buffer body) {
        Optional<String> token = auth.get().token();
        if (token.isEmpty()) {
            return Future.failedFuture(new IllegalStateException("the admin API is off here: no token to call peers with"));
        }
        HttpRequest<Buffer> request;
        try {
            request = client.request(method, peer.port(), peer.host(), uri).timeout(timeoutMs);
        } catch (IllegalStateException closed) {
            return Future.failedFuture(closed);
        }
        headers.forEach(request::putHeader);
        request.bearerTokenAuthentication(token.get());
        Future<HttpResponse<Buffer>> answer = body == null ? request.send() : request.sendBuffer(body);
        return answer.compose(response -> {
            Buffer b = response.body();
            if (b != null && b.length() > MAX_ANSWER_BYTES) {
                return Future.failedFuture(new IllegalStateException(
                        peer + uri + ": answer of " + b.length() + " bytes (expected: at most " + MAX_ANSWER_BYTES + ")"));
            }
            return Future.succeededFuture(response);
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
