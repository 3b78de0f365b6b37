package dev.shunt.gateway.edge;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.classify.Classifier;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.RouteConfig;
import dev.shunt.gateway.error.BadRequest;
import dev.shunt.gateway.error.ErrorResponses;
import dev.shunt.gateway.error.GatewayErrors;
import dev.shunt.gateway.error.NoBackendAvailable;
import dev.shunt.gateway.error.NoRoute;
import dev.shunt.gateway.error.UpstreamTimeout;
import dev.shunt.gateway.error.UpstreamUnreachable;
import dev.shunt.gateway.forward.Forwarder;
import dev.shunt.gateway.forward.UpstreamFailure;
import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.vocabulary.LatencyClass;
import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code GET /v2/models/{m}[/versions/{v}][/ready]}: answered by a backend of the model's route,
 * chosen the way inference chooses one (the pool's balancer, then its bulkhead and breaker), within
 * the standard class's deadline (or the client's {@code X-Request-Timeout-Ms}); passed through as the
 * backend answered. The pools are tried in name order until one has a backend that can take it.
 */
final class ModelMetadataRoute {

    private final Supplier<GatewayConfig> config;
    private final Supplier<Map<String, Pool>> pools;
    private final Forwarder forwarder;
    private final ErrorResponses errors;

    ModelMetadataRoute(Supplier<GatewayConfig> config, Supplier<Map<String, Pool>> pools, Forwarder forwarder,
            ErrorResponses errors) {
        this.config = requireNonNull(config, "config");
        this.pools = requireNonNull(pools, "pools");
        this.forwarder = requireNonNull(forwarder, "forwarder");
        this.errors = requireNonNull(errors, "errors");
    }

    void handle(RoutingContext ctx) {
        String model = ctx.pathParam("model");
        GatewayConfig cfg = config.get();
        RouteConfig route = cfg.routeFor(model).orElse(null);
        if (route == null) {
            fail(ctx, new NoRoute("model \"" + shorten(model) + "\" is not served by any route"));
            return;
        }
        Duration timeout = timeout(ctx, cfg);
        Map<String, Pool> live = pools.get();
        for (String name : new TreeSet<>(route.pools())) {
            Pool pool = live.get(name);
            BackendState backend = pool == null ? null : pool.acquire(new HashSet<>());
            if (backend != null) {
                forward(ctx, pool, backend, timeout);
                return;
            }
        }
        fail(ctx, new NoBackendAvailable("no backend can describe model " + shorten(model) + " now"));
    }

    private void forward(RoutingContext ctx, Pool pool, BackendState backend, Duration timeout) {
        long start = System.nanoTime();
        forwarder.forward(pool.target(backend), HttpMethod.GET, ctx.request().uri(),
                MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(), Math.max(1, timeout.toMillis()),
                pool.config().connectTimeout().toMillis()).onComplete(ar -> {
                    long nanos = System.nanoTime() - start;
                    if (ar.failed()) {
                        backend.onFailure(nanos, ar.cause());
                        boolean timedOut = ar.cause() instanceof UpstreamFailure u
                                && u.kind() == UpstreamFailure.Kind.TIMEOUT;
                        fail(ctx, timedOut
                                ? new UpstreamTimeout("backend " + backend.publicId() + " did not describe the model in time")
                                : new UpstreamUnreachable("backend " + backend.publicId() + " failed before answering"));
                        return;
                    }
                    if (ar.result().status() >= 500) {
                        backend.onFailure(nanos, new UpstreamFailure(UpstreamFailure.Kind.OTHER, backend.id(),
                                "status " + ar.result().status()));
                    } else {
                        backend.onSuccess(nanos);
                    }
                    String type = ar.result().headers().get("Content-Type");
                    ctx.response().setStatusCode(ar.result().status())
                            .putHeader("Content-Type", type == null ? "application/json" : type)
                            .putHeader(ShuntHeaders.POOL, pool.name())
                            .putHeader(ShuntHeaders.BACKEND,
                                    backend.clientLabel(config.get().debug().exposeBackendAddresses()))
                            .end(ar.result().body());
                });
    }

    /** The client's {@code X-Request-Timeout-Ms} when it is a valid one, else the standard class's deadline. */
    private static Duration timeout(RoutingContext ctx, GatewayConfig cfg) {
        Duration standard = cfg.resilience().classDeadlines().get(LatencyClass.STANDARD);
        try {
            return Classifier.requestTimeout(ctx.request().getHeader(ShuntHeaders.REQUEST_TIMEOUT_MS)).orElse(standard);
        } catch (BadRequest invalid) {
            return standard;
        }
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        errors.write(ctx.response(), GatewayErrors.of(failure));
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
