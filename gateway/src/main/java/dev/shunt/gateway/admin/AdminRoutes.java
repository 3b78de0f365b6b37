package dev.shunt.gateway.admin;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.pool.Pool;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /admin/config}, {@code GET /admin/pools}, {@code GET /admin/latency-model},
 * {@code POST /admin/reload}, behind the bearer
 * token; 404 when the admin API is off, 401 without the right token.
 */
public final class AdminRoutes {

    /** What a reload answers: null on success, else the reason it was refused. */
    @FunctionalInterface
    public interface Reloader {
        Future<String> reload();
    }

    private final AdminJson json = new AdminJson();
    private final Supplier<AdminAuth> auth;
    private final Supplier<String> configText;
    private final Supplier<Map<String, Pool>> pools;
    private final Reloader reloader;

    public AdminRoutes(Supplier<AdminAuth> auth, Supplier<String> configText, Supplier<Map<String, Pool>> pools,
            Reloader reloader) {
        this.auth = requireNonNull(auth, "auth");
        this.configText = requireNonNull(configText, "configText");
        this.pools = requireNonNull(pools, "pools");
        this.reloader = requireNonNull(reloader, "reloader");
    }

    public void mount(Router router) {
        router.route("/admin/*").handler(this::authorize);
        router.get("/admin/config").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml")
                .end(configText.get()));
        router.get("/admin/pools").handler(this::pools);
        router.get("/admin/latency-model").handler(ctx -> json.send(ctx, 200, LatencyModelView.of(pools.get())));
        router.post("/admin/reload").handler(ctx -> reloader.reload().onComplete(ar -> {
            String refused = ar.succeeded() ? ar.result() : String.valueOf(ar.cause().getMessage());
            if (refused == null) {
                json.send(ctx, 200, Map.of("reloaded", true));
            } else {
                json.send(ctx, 400, Map.of("error", "new config refused, the running one stays: " + refused));
            }
        }));
    }

    private void authorize(RoutingContext ctx) {
        AdminAuth current = auth.get();
        if (!current.enabled()) {
            json.send(ctx, 404, Map.of("error", "the admin API is off: configure admin.tokenEnv or admin.tokenFile"));
        } else if (!current.allows(ctx.request().getHeader("Authorization"))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            json.send(ctx, 401, Map.of("error", "missing or wrong bearer token"));
        } else {
            ctx.next();
        }
    }

    private void pools(RoutingContext ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        pools.get().forEach((name, pool) -> {
            List<Map<String, Object>> backends = new ArrayList<>();
            for (BackendState b : pool.backends()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("backend", b.id());
                m.put("publicId", b.publicId()); // what X-Shunt-Backend and error bodies name it
                m.put("healthy", b.healthy());
                m.put("circuit", b.breaker().getState().name().toLowerCase(java.util.Locale.ROOT));
                m.put("inFlight", b.inFlight());
                m.put("maxInFlight", b.maxInFlight());
                m.put("recentLatencyMs", b.recentLatency().toNanos() / 1e6);
                m.put("weight", b.address().weight());
                backends.add(m);
            }
            out.put(name, Map.of("balancer", pool.config().balancer().name().toLowerCase(java.util.Locale.ROOT),
                    "backends", backends));
        });
        json.send(ctx, 200, out);
    }
}
