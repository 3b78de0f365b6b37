package dev.shunt.gateway.proxy;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.classify.BodyBytes;
import dev.shunt.gateway.classify.Classifier;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.RouteConfig;
import dev.shunt.gateway.cutover.Cutover;
import dev.shunt.gateway.cutover.Cutovers;
import dev.shunt.gateway.error.DeadlineExpired;
import dev.shunt.gateway.error.ErrorResponses;
import dev.shunt.gateway.error.GatewayError;
import dev.shunt.gateway.error.GatewayErrors;
import dev.shunt.gateway.error.NoBackendAvailable;
import dev.shunt.gateway.error.NoRoute;
import dev.shunt.gateway.error.Overloaded;
import dev.shunt.gateway.error.UpstreamTimeout;
import dev.shunt.gateway.error.UpstreamUnreachable;
import dev.shunt.gateway.forward.Forwarder;
import dev.shunt.gateway.forward.HopByHop;
import dev.shunt.gateway.forward.UpstreamFailure;
import dev.shunt.gateway.forward.UpstreamResponse;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.mirror.MirrorPair;
import dev.shunt.gateway.mirror.MirrorSender;
import dev.shunt.gateway.mirror.Mirrors;
import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.gateway.shadow.Side;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.TimeoutParameter;
import dev.shunt.routing.ClusterSnapshot;
import dev.shunt.routing.Decision;
import dev.shunt.routing.RequestProfile;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /v2/models/{m}[/versions/{v}]/infer}: classify, decide, pick a backend, forward with
 * its breaker and bulkhead and a timeout from the remaining deadline, retry once on another backend
 * for failures that never reached the model (within the retry budget), and answer with the backend's
 * response untouched plus the {@code X-Shunt-*} headers. Nothing here blocks.
 */
public final class ProxyHandler {

    private static final String[] PASSED_BACK = {"Content-Type", "Retry-After", "X-Queue-Ms", "X-Compute-Ms",
        "X-Batch-Size", "X-Device"};

    private final Supplier<GatewayConfig> config;
    private final Supplier<Map<String, Pool>> pools;
    private final Classifier classifier;
    private final Forwarder forwarder;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final ErrorResponses errors = new ErrorResponses(new InferenceCodec());
    private final TimeoutParameter timeoutParameter = new TimeoutParameter();
    private final RetryBudget budget;
    private final Mirrors mirrors;
    private final MirrorSender mirrorSender;
    private final Cutovers cutovers;

    public ProxyHandler(Supplier<GatewayConfig> config, Supplier<Map<String, Pool>> pools, Classifier classifier,
            Forwarder forwarder, GatewayMetrics metrics, Clock clock, Mirrors mirrors, MirrorSender mirrorSender,
            Cutovers cutovers) {
        this.mirrors = requireNonNull(mirrors, "mirrors");
        this.mirrorSender = requireNonNull(mirrorSender, "mirrorSender");
        this.cutovers = requireNonNull(cutovers, "cutovers");
        this.config = requireNonNull(config, "config");
        this.pools = requireNonNull(pools, "pools");
        this.classifier = requireNonNull(classifier, "classifier");
        this.forwarder = requireNonNull(forwarder, "forwarder");
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
        this.budget = new RetryBudget(config.get().resilience().retryBudgetPercent(), 10);
    }

    /** Handles one inference request whose body has been read (within the listener's limit). */
    public void handle(HttpServerRequest request, String model, Buffer body) {
        long start = System.nanoTime();
        GatewayConfig cfg = config.get();
        Map<String, Pool> live = pools.get();
        String requestId = request.getHeader("X-Request-Id");
        if (requestId == null || requestId.isBlank() || requestId.length() > 128) {
            requestId = RequestIds.next();
        }
        Exchange exchange = new Exchange(request, requestId, start);
        RouteConfig route = cfg.routeFor(model).orElse(null);
        if (route == null) {
            fail(exchange, new NoRoute("model \"" + shorten(model) + "\" is not served by any route"));
            return;
        }
        exchange.model = metrics.modelLabel(model);
        BodyBytes bytes = BodyBytes.of(body);
        RequestProfile profile;
        try {
            profile = classifier.classify(model, bytes, request.headers(), route.defaultClass(), cfg.resilience());
        } catch (RuntimeException e) {
            fail(exchange, e);
            return;
        }
        exchange.latencyClass = profile.latencyClass().wireName();
        Map<String, dev.shunt.routing.PoolSnapshot> snapshots = new java.util.HashMap<>();
        for (String name : route.pools()) {
            Pool pool = live.get(name);
            if (pool != null) {
                snapshots.put(name, pool.snapshot());
            }
        }
        Decision decision = route.policy().decide(profile, new ClusterSnapshot(snapshots));
        metrics.decision(route.name(), decision.reason());
        exchange.reason = decision.reason();
        if (decision instanceof Decision.Reject reject) {
            fail(exchange, rejection(reject, profile));
            return;
        }
        Decision.Route chosen = (Decision.Route) decision;
        if (chosen.reason().startsWith("spill:")) {
            metrics.spillover(chosen.reason().substring(6, chosen.reason().lastIndexOf('-')), chosen.pool());
        }
        budget.onRequest();
        exchange.timeoutParameter = cfg.resilience().forwardTimeoutParameter();
        exchange.route = route;
        Pool target = live.get(chosen.pool());
        dev.shunt.routing.PoolSnapshot decided = snapshots.get(chosen.pool());
        Cutover cutover = route.cutover().isEmpty() ? null : cutovers.get(route.name()).orElse(null);
        if (cutover != null && cutover.sendToCandidate()) {
            Pool candidate = live.get(cutover.plan().candidatePool());
            if (candidate != null) {
                target = candidate;
                decided = null;
                exchange.reason = "cutover";
                exchange.cutover = cutover;
            }
        }
        attempt(exchange, target, decided, profile, body, bytes, new HashSet<>(), 0, cfg.resilience().maxRetries());
    }

    private void attempt(Exchange exchange, Pool pool, dev.shunt.routing.PoolSnapshot decided, RequestProfile profile,
            Buffer body, BodyBytes bytes, Set<String> tried, int attempt, int maxRetries) {
        exchange.pool = pool.name();
        BackendState backend = null;
        for (int i = 0; i < pool.backends().size() && backend == null; i++) {
            // the snapshot the decision was made on serves the first pick; later picks look again
            BackendState candidate = (i == 0 && decided != null ? pool.pick(decided, tried) : pool.pick(tried)).orElse(null);
            if (candidate == null) {
                break;
            }
            if (candidate.tryAcquire()) {
                backend = candidate;
            } else {
                tried.add(candidate.id());
            }
        }
        if (backend == null) {
            fail(exchange, new NoBackendAvailable("no backend of pool " + pool.name() + " can take the request now"));
            return;
        }
        Duration remaining = profile.remaining(clock);
        if (remaining.isNegative() || remaining.isZero()) {
            backend.release();
            fail(exchange, new DeadlineExpired("deadline passed before the request could be sent"));
            return;
        }
        BackendState target = backend;
        tried.add(target.id());
        MultiMap headers = forwardHeaders(exchange, remaining);
        long sentAt = System.nanoTime();
        Buffer sent = exchange.timeoutParameter ? withTimeout(body, bytes, remaining) : body;
        forwarder.forward(target.address().host(), target.address().port(), HttpMethod.POST, exchange.request.uri(),
                headers, sent, Math.max(1, remaining.toMillis()), pool.config().connectTimeout().toMillis()).onComplete(ar -> {
                    long nanos = System.nanoTime() - sentAt;
                    metrics.upstream(pool.name(), target.id(), nanos);
                    boolean retryable;
                    Throwable failure;
                    if (ar.succeeded()) {
                        UpstreamResponse response = ar.result();
                        if (response.status() < 500) {
                            target.onSuccess(nanos);
                            answer(exchange, target, response, profile, nanos);
                            return;
                        }
                        failure = new UpstreamFailure(UpstreamFailure.Kind.OTHER, target.id(), "status " + response.status());
                        target.onFailure(nanos, failure);
                        retryable = response.status() == 503;
                        if (!(retryable && attempt < maxRetries && budget.tryRetry())) {
                            answer(exchange, target, response, profile, nanos);
                            return;
                        }
                    } else {
                        failure = ar.cause();
                        target.onFailure(nanos, failure);
                        retryable = failure instanceof UpstreamFailure u && u.kind().retryable();
                        if (!(retryable && attempt < maxRetries && budget.tryRetry())) {
                            fail(exchange, upstreamError(failure, pool.name()));
                            return;
                        }
                    }
                    metrics.retry(pool.name());
                    attempt(exchange, pool, null, profile, body, bytes, tried, attempt + 1, maxRetries);
                });
        if (attempt == 0 && exchange.route.mirror().isPresent()) {
            // after the primary is dispatched; the client never waits for the copy
            exchange.pair = mirrorSender.mirror(mirrors.forRoute(exchange.route.name(), exchange.route.mirror().get()),
                    exchange.request, exchange.requestId, body, pools.get(), pool.name(), target.id());
        }
    }

    /** The body with the remaining deadline as the v2 {@code timeout} parameter, spliced in, not re-encoded. */
    private Buffer withTimeout(Buffer body, BodyBytes bytes, Duration remaining) {
        long micros = Math.max(1, remaining.toNanos() / 1000);
        byte[] out = timeoutParameter.apply(bytes.array(), bytes.offset(), bytes.length(), micros);
        return out == bytes.array() ? body : Buffer.buffer(out);
    }

    /**
     * The request's own headers, edited in place rather than copied (the client request copies them
     * once more anyway): hop-by-hop ones dropped, the gateway's set.
     */
    private MultiMap forwardHeaders(Exchange exchange, Duration remaining) {
        MultiMap headers = exchange.request.headers();
        if (!exchange.headersPrepared) {
            List<String> drop = null;
            for (Map.Entry<String, String> e : headers) {
                if (HopByHop.is(e.getKey())) {
                    if (drop == null) {
                        drop = new ArrayList<>(4);
                    }
                    drop.add(e.getKey());
                }
            }
            if (drop != null) {
                drop.forEach(headers::remove);
            }
            headers.set("X-Request-Id", exchange.requestId);
            headers.set("X-Latency-Class", exchange.latencyClass);
            exchange.headersPrepared = true;
        }
        headers.set("X-Request-Timeout-Ms", Long.toString(Math.max(1, remaining.toMillis())));
        return headers;
    }

    private void answer(Exchange exchange, BackendState backend, UpstreamResponse upstream, RequestProfile profile,
            long upstreamNanos) {
        if (exchange.pair != null) {
            exchange.pair.primary(new Side(upstream.status(), upstream.body().getBytes(), upstreamNanos));
        }
        if (exchange.cutover != null) {
            exchange.cutover.recordCandidate(upstream.status() >= 500, upstreamNanos);
        }
        HttpServerResponse response = exchange.request.response();
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(upstream.status());
        for (String name : PASSED_BACK) {
            String value = upstream.headers().get(name);
            if (value != null) {
                response.putHeader(name, value);
            }
        }
        putShuntHeaders(exchange, response);
        response.putHeader("X-Shunt-Backend", backend.id());
        response.end(upstream.body());
        String outcome = upstream.status() < 400 ? "ok" : upstream.status() < 500 ? "client_error" : "backend_error";
        metrics.request(exchange.model, exchange.latencyClass, exchange.pool, outcome, System.nanoTime() - exchange.start);
        if (upstream.status() < 400 && clock.instant().isBefore(profile.deadline())) {
            metrics.goodput(exchange.latencyClass);
        }
    }

    private void fail(Exchange exchange, Throwable failure) {
        GatewayError error = GatewayErrors.of(failure);
        long elapsed = System.nanoTime() - exchange.start;
        if (exchange.pair != null) {
            exchange.pair.primary(Side.failed(error.message(), elapsed));
        }
        if (exchange.cutover != null) {
            exchange.cutover.recordCandidate(true, elapsed);
        }
        if (error.outcome().equals("shed")) {
            metrics.shed(exchange.latencyClass, exchange.reason == null ? "none" : exchange.reason);
        }
        metrics.request(exchange.model, exchange.latencyClass, exchange.pool, error.outcome(), elapsed);
        HttpServerResponse response = exchange.request.response();
        if (response.closed() || response.ended()) {
            return;
        }
        putShuntHeaders(exchange, response);
        errors.write(response, error);
    }

    private static void putShuntHeaders(Exchange exchange, HttpServerResponse response) {
        response.putHeader("X-Request-Id", exchange.requestId);
        if (!exchange.pool.equals("none")) {
            response.putHeader("X-Shunt-Pool", exchange.pool);
        }
        if (exchange.reason != null) {
            response.putHeader("X-Shunt-Reason", exchange.reason);
        }
    }

    private static RuntimeException rejection(Decision.Reject reject, RequestProfile profile) {
        return switch (reject.kind()) {
            case DEADLINE -> new DeadlineExpired("deadline passed before the request could be sent");
            case NO_ROUTE -> new NoRoute("no rule of the route matches this request");
            case NO_BACKEND -> new NoBackendAvailable("no healthy backend can serve model " + profile.model() + " now");
            case OVERLOADED -> reject.reason().startsWith("shed:")
                    ? new Overloaded(profile.latencyClass().wireName() + " requests are shed under load; retry later", true)
                    : new Overloaded("every pool that can serve this request is saturated; retry later", false);
        };
    }

    private static RuntimeException upstreamError(Throwable failure, String pool) {
        if (failure instanceof UpstreamFailure u && u.kind() == UpstreamFailure.Kind.TIMEOUT) {
            return new UpstreamTimeout("backend " + u.backend() + " of pool " + pool + " did not answer within the deadline");
        }
        String backend = failure instanceof UpstreamFailure u ? u.backend() : "?";
        return new UpstreamUnreachable("backend " + backend + " of pool " + pool + " failed before answering");
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    /** Per-request state, touched only on the request's event loop. */
    private static final class Exchange {
        final HttpServerRequest request;
        final String requestId;
        final long start;
        String model = "unknown";
        String latencyClass = "unknown";
        String pool = "none";
        String reason;
        boolean timeoutParameter;
        boolean headersPrepared;
        RouteConfig route;
        MirrorPair pair;
        Cutover cutover;

        Exchange(HttpServerRequest request, String requestId, long start) {
            this.request = request;
            this.requestId = requestId;
            this.start = start;
        }
    }

}
