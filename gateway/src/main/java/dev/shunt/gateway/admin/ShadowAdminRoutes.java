package dev.shunt.gateway.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.RouteConfig;
import dev.shunt.gateway.cutover.Cutover;
import dev.shunt.gateway.cutover.Cutovers;
import dev.shunt.gateway.mirror.Mirrors;
import dev.shunt.gateway.replicas.PeerClient;
import dev.shunt.gateway.replicas.ReplicaCoordinator;
import dev.shunt.gateway.replicas.WindowExchange;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /admin/shadow} (the shadow report of every mirrored route, or {@code ?route=}),
 * {@code GET /admin/cutover} (every cutover's state) and {@code POST /admin/cutover} with
 * {@code {"route": "...", "action": "start|pause|resume|abort", "reason": "..."}}. Mounted behind the
 * admin token like the rest of {@code /admin}. Among replicas, a follower forwards these calls to the
 * leader ({@link LeaderForwarding}), which answers with every replica's windows merged and alone
 * changes cutovers.
 */
public final class ShadowAdminRoutes {

    /** The largest body of an admin call (a cutover action); over it the answer is 413. */
    public static final long MAX_BODY = 4096;

    private final AdminJson json = new AdminJson();
    private final Supplier<GatewayConfig> config;
    private final Mirrors mirrors;
    private final Cutovers cutovers;
    private final ReplicaCoordinator replicas;
    private final LeaderForwarding forwarding;

    public ShadowAdminRoutes(Supplier<GatewayConfig> config, Mirrors mirrors, Cutovers cutovers,
            ReplicaCoordinator replicas, PeerClient peerClient) {
        this.config = requireNonNull(config, "config");
        this.mirrors = requireNonNull(mirrors, "mirrors");
        this.cutovers = requireNonNull(cutovers, "cutovers");
        this.replicas = requireNonNull(replicas, "replicas");
        this.forwarding = new LeaderForwarding(replicas, peerClient);
    }

    public void mount(Router router) {
        router.get("/admin/shadow").handler(forwarding::handle).handler(this::shadow);
        router.get("/admin/cutover").handler(forwarding::handle).handler(ctx -> json.send(ctx, 200, Map.of("cutovers",
                cutovers.all().stream().map(Cutover::view).toList())));
        router.post("/admin/cutover").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
                .handler(forwarding::handle).handler(this::cutover);
    }

    private void shadow(RoutingContext ctx) {
        String route = ctx.request().getParam("route");
        WindowExchange peers = replicas.windows();
        if (route == null) {
            json.send(ctx, 200, Map.of("routes", mirrors.snapshots(peers::shadow)));
            return;
        }
        Optional<?> snapshot = mirrors.snapshot(route, peers.shadow(route));
        if (snapshot.isEmpty()) {
            json.send(ctx, 404, Map.of("error", "route \"" + shorten(route) + "\" has no mirror samples yet or does not mirror"));
            return;
        }
        json.send(ctx, 200, snapshot.get());
    }

    private void cutover(RoutingContext ctx) {
        JsonNode body;
        try {
            body = json.read(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (java.io.IOException e) {
            json.send(ctx, 400, Map.of("error", "body: not JSON (expected: {\"route\": ..., \"action\": start|pause|resume|abort})"));
            return;
        }
        if (body == null || !body.isObject() || !body.path("route").isTextual() || !body.path("action").isTextual()) {
            json.send(ctx, 400, Map.of("error", "body: expected {\"route\": ..., \"action\": start|pause|resume|abort}"));
            return;
        }
        String route = body.get("route").asText();
        String action = body.get("action").asText();
        Optional<RouteConfig> config = this.config.get().routes().stream().filter(r -> r.name().equals(route)).findFirst();
        if (config.isEmpty()) {
            json.send(ctx, 404, Map.of("error", "route \"" + shorten(route) + "\" is not configured"));
            return;
        }
        try {
            Cutover cutover = replicas.act(() -> switch (action) {
                case "start" -> {
                    var plan = config.get().cutover().orElseThrow(() -> new IllegalStateException(
                            "route " + route + " has no cutover section in the config"));
                    yield cutovers.start(plan);
                }
                case "pause" -> existing(route).also(Cutover::pause);
                case "resume" -> existing(route).also(Cutover::resume);
                case "abort" -> existing(route).also(c -> c.abort(body.path("reason").asText("aborted by an operator")));
                default -> throw new IllegalArgumentException("action: \"" + shorten(action)
                        + "\" (expected: start, pause, resume or abort)");
            });
            json.send(ctx, 200, cutover.view());
        } catch (ReplicaCoordinator.NotLeading e) {
            ctx.response().putHeader("Retry-After", "1");
            json.send(ctx, 503, Map.of("error", e.getMessage() + "; cutover changes run on the leader"));
        } catch (IllegalArgumentException e) {
            json.send(ctx, 400, Map.of("error", e.getMessage()));
        } catch (IllegalStateException e) {
            json.send(ctx, 409, Map.of("error", e.getMessage()));
        }
    }

    private Also existing(String route) {
        return new Also(cutovers.get(route).orElseThrow(() -> new IllegalStateException(
                "route " + route + " has no cutover; start one first")));
    }

    /** Runs an action on a cutover and gives it back. */
    private record Also(Cutover cutover) {
        Cutover also(java.util.function.Consumer<Cutover> action) {
            action.accept(cutover);
            return cutover;
        }
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
