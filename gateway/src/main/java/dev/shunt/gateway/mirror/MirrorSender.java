package dev.shunt.gateway.mirror;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.MirrorConfig;
import dev.shunt.gateway.config.MirrorProtocol;
import dev.shunt.gateway.forward.Forwarder;
import dev.shunt.gateway.forward.HopByHop;
import dev.shunt.gateway.forward.UpstreamFailure;
import dev.shunt.gateway.forward.UpstreamTarget;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.gateway.shadow.Side;
import dev.shunt.gateway.trace.RequestSpan;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.vocabulary.ShuntHeaders;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Sends the copies. A copy leaves after the primary was dispatched, on its own client and connection
 * pool, and nothing of the client's exchange waits for it: its answer goes to the shadow comparison
 * only. It is bounded by the route's in-flight cap (over it the copy is dropped and counted, never
 * queued), its body cap and its own timeout; credentials are stripped and {@code X-Shunt-Shadow: true}
 * added; the request id is kept so both sides can be joined. A copy reaches its backend the way a
 * request of that pool does (the pool's {@code host} and TLS); an h2c mirror to a TLS pool speaks h2,
 * chosen by ALPN.
 */
public final class MirrorSender {

    private final Forwarder http1;
    private final Forwarder h2c;
    private final GatewayMetrics metrics;

    /**
     * @param http1 the HTTP/1.1 client's forwarder (also for noise-floor copies to primary replicas)
     * @param h2c the HTTP/2 prior-knowledge client's forwarder, for mirrors with {@code protocol: h2c}
     */
    public MirrorSender(Forwarder http1, Forwarder h2c, GatewayMetrics metrics) {
        this.http1 = requireNonNull(http1, "http1");
        this.h2c = requireNonNull(h2c, "h2c");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /**
     * Mirrors the request when it is sampled or forced and the caps allow.
     *
     * @param primaryBackend the backend that got the primary (a noise-floor copy goes to another one)
     * @param jsonLength the body's {@code Inference-Header-Content-Length} as the client sent it (the copy
     *     carries the client's body, not the primary's spliced one); -1 when it has none
     * @param trace the request's span: each copy's span links to it
     * @return the pair to hand the primary's answer to, or null when nothing was sent
     */
    public MirrorPair mirror(RouteMirror mirror, MultiMap clientHeaders, String uri, String requestId, Buffer body,
            Map<String, Pool> pools, String primaryPool, String primaryBackend, int jsonLength, RequestSpan trace) {
        MirrorConfig cfg = mirror.config();
        boolean sampled = mirror.sampled();
        boolean forced = "true".equalsIgnoreCase(clientHeaders.get(cfg.forceHeader()));
        if (!sampled && !forced) {
            return null;
        }
        if (primaryPool.equals(cfg.pool())) {
            metrics.mirror(mirror.route(), MirrorOutcome.SKIPPED_SAME_POOL.label());
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
        // the shadow pool is bounded by the mirror's own in-flight cap, not by its backends' bulkheads
        Pool shadowPool = pools.get(cfg.pool());
        BackendState shadow = shadowPool == null ? null : shadowPool.pick(Set.of()).orElse(null);
        if (shadow == null) {
            mirror.release();
            metrics.mirror(mirror.route(), MirrorOutcome.NO_BACKEND.label());
            return null;
        }
        MirrorPair pair = new MirrorPair(mirror, requestId, c -> metrics.shadowCompared(mirror.route(), c));
        MultiMap headers = headers(clientHeaders, cfg, requestId);
        if (jsonLength >= 0) {
            headers.set(BinaryTensors.HEADER_LENGTH, Integer.toString(jsonLength));
        }
        send(mirror, shadow, cfg.pool(), shadowPool.target(shadow), uri, headers, body, true, pair, trace);
        if (mirror.noiseSampled() && mirror.tryAcquire()) {
            // a second replica of the primary's pool, through its bulkhead like any request it takes
            Pool replicas = pools.get(primaryPool);
            BackendState replica = replicas == null ? null : replicas.acquire(new HashSet<>(Set.of(primaryBackend)));
            if (replica == null) {
                mirror.release();
            } else {
                pair.expectReplica();
                send(mirror, replica, primaryPool, replicas.target(replica), uri, headers, body, false, pair, trace);
            }
        }
        return pair;
    }

    private void send(RouteMirror mirror, BackendState backend, String poolName, UpstreamTarget target, String uri,
            MultiMap headers, Buffer body, boolean shadow, MirrorPair pair, RequestSpan trace) {
        long timeoutMs = Math.max(1, mirror.config().timeout().toMillis());
        if (shadow) {
            metrics.mirror(mirror.route(), MirrorOutcome.SENT.label());
        }
        long start = System.nanoTime();
        Forwarder forwarder = shadow && mirror.config().protocol() == MirrorProtocol.H2C ? h2c : http1;
        // traced, each copy carries its own span's traceparent; off, the headers are sent as they are
        MultiMap sent = trace == RequestSpan.OFF ? headers : HttpHeaders.headers().addAll(headers);
        Span copySpan = trace.mirror(mirror.route(), poolName, backend.id(), target.host(), target.port(), shadow, sent);
        forwarder.forward(target, HttpMethod.POST, uri, sent, body, timeoutMs, timeoutMs)
                .onComplete(ar -> {
                    trace.ended(copySpan, ar.succeeded() ? ar.result().status() : 0,
                            ar.succeeded() ? null : String.valueOf(ar.cause().getMessage()));
                    mirror.release();
                    if (!shadow) {
                        backend.release(); // a noise copy never judges the replica: breaker and latency are the primaries'
                    }
                    long nanos = System.nanoTime() - start;
                    Side side;
                    if (ar.succeeded()) {
                        side = Side.answered(ar.result().status(), ar.result().body().getBytes(),
                                BinaryTensors.declaredJsonLength(ar.result().headers().get(BinaryTensors.HEADER_LENGTH)), nanos);
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

    private static MultiMap headers(MultiMap clientHeaders, MirrorConfig cfg, String requestId) {
        MultiMap headers = HttpHeaders.headers();
        for (Map.Entry<String, String> e : clientHeaders) {
            String name = e.getKey();
            // no Accept-Encoding: the shadow answers uncompressed, the way the comparison reads it
            if (!HopByHop.is(name) && cfg.copies(name) && !name.equalsIgnoreCase(cfg.forceHeader())
                    && !name.equalsIgnoreCase("Accept-Encoding")) {
                headers.add(name, e.getValue());
            }
        }
        // set() replaces what the client sent: the mirror has its own timeout
        headers.set(ShuntHeaders.REQUEST_ID, requestId);
        headers.set(ShuntHeaders.SHADOW, "true");
        headers.set(ShuntHeaders.REQUEST_TIMEOUT_MS, Long.toString(Math.max(1, cfg.timeout().toMillis())));
        return headers;
    }
}
