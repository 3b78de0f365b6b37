package dev.shunt.gateway.mirror;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.MirrorConfig;
import dev.shunt.gateway.forward.Forwarder;
import dev.shunt.gateway.forward.HopByHop;
import dev.shunt.gateway.forward.UpstreamFailure;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.gateway.shadow.Side;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Set;

/**
 * Sends the copies. A copy leaves after the primary was dispatched, on its own client and connection
 * pool, and nothing of the client's exchange waits for it: its answer goes to the shadow comparison
 * only. It is bounded by the route's in-flight cap (over it the copy is dropped and counted, never
 * queued), its body cap and its own timeout; credentials are stripped and {@code X-Shunt-Shadow: true}
 * added; the request id is kept so both sides can be joined.
 */
public final class MirrorSender {

    /** Marks a mirrored request at the shadow. */
    public static final String SHADOW_HEADER = "X-Shunt-Shadow";

    private final Forwarder forwarder;
    private final GatewayMetrics metrics;

    public MirrorSender(Forwarder forwarder, GatewayMetrics metrics) {
        this.forwarder = requireNonNull(forwarder, "forwarder");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /**
     * Mirrors the request when it is sampled or forced and the caps allow.
     *
     * @param primaryBackend the backend that got the primary (a noise-floor copy goes to another one)
     * @return the pair to hand the primary's answer to, or null when nothing was sent
     */
    public MirrorPair mirror(RouteMirror mirror, HttpServerRequest request, String requestId, Buffer body,
            Map<String, Pool> pools, String primaryPool, String primaryBackend) {
        MirrorConfig cfg = mirror.config();
        boolean sampled = mirror.sampled();
        boolean forced = "true".equalsIgnoreCase(request.getHeader(cfg.forceHeader()));
        if (!sampled && !forced) {
            return null;
        }
        if (body.length() > cfg.maxBodyBytes()) {
            metrics.mirror(mirror.route(), MirrorOutcome.SKIPPED_BODY.label());
            return null;
        }
        if (!mirror.tryAcquire()) { // first the cheapest check: when the shadow lags, most copies end here
            metrics.mirror(mirror.route(), MirrorOutcome.DROPPED.label());
            return null;
        }
        Pool shadowPool = pools.get(cfg.pool());
        BackendState shadow = shadowPool == null ? null : shadowPool.pick(Set.of()).orElse(null);
        if (shadow == null) {
            mirror.release();
            metrics.mirror(mirror.route(), MirrorOutcome.NO_BACKEND.label());
            return null;
        }
        MirrorPair pair = new MirrorPair(mirror, requestId);
        MultiMap headers = headers(request, cfg, requestId);
        send(mirror, shadow, request.uri(), headers, body, true, pair);
        if (mirror.noiseSampled()) {
            Pool primary = pools.get(primaryPool);
            BackendState replica = primary == null ? null
                    : primary.pick(Set.of(primaryBackend)).orElse(null);
            if (replica != null && mirror.tryAcquire()) {
                pair.expectReplica();
                send(mirror, replica, request.uri(), headers, body, false, pair);
            }
        }
        return pair;
    }

    private void send(RouteMirror mirror, BackendState target, String uri, MultiMap headers, Buffer body, boolean shadow,
            MirrorPair pair) {
        long timeoutMs = Math.max(1, mirror.config().timeout().toMillis());
        if (shadow) {
            metrics.mirror(mirror.route(), MirrorOutcome.SENT.label());
        }
        long start = System.nanoTime();
        forwarder.forward(target.address().host(), target.address().port(), HttpMethod.POST, uri, headers, body, timeoutMs)
                .onComplete(ar -> {
                    mirror.release();
                    long nanos = System.nanoTime() - start;
                    Side side;
                    if (ar.succeeded()) {
                        side = new Side(ar.result().status(), ar.result().body().getBytes(), nanos);
                        if (shadow && ar.result().status() >= 500) {
                            metrics.mirror(mirror.route(), MirrorOutcome.ERROR.label());
                        }
                    } else {
                        boolean timedOut = ar.cause() instanceof UpstreamFailure u && u.kind() == UpstreamFailure.Kind.TIMEOUT;
                        side = Side.failed(timedOut ? "timed out" : String.valueOf(ar.cause().getMessage()), nanos);
                        if (shadow) {
                            metrics.mirror(mirror.route(), (timedOut ? MirrorOutcome.TIMEOUT : MirrorOutcome.ERROR).label());
                        }
                    }
                    if (shadow) {
                        pair.shadow(side);
                    } else {
                        pair.replica(side);
                    }
                });
    }

    private static MultiMap headers(HttpServerRequest request, MirrorConfig cfg, String requestId) {
        MultiMap headers = HttpHeaders.headers();
        for (Map.Entry<String, String> e : request.headers()) {
            String name = e.getKey();
            if (!HopByHop.is(name) && cfg.copies(name) && !name.equalsIgnoreCase(cfg.forceHeader())) {
                headers.add(name, e.getValue());
            }
        }
        // set() replaces what the client sent: the mirror has its own timeout
        headers.set("X-Request-Id", requestId);
        headers.set(SHADOW_HEADER, "true");
        headers.set("X-Request-Timeout-Ms", Long.toString(Math.max(1, cfg.timeout().toMillis())));
        return headers;
    }
}
