package dev.shunt.gateway.edge;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.admin.AdminRoutes;
import dev.shunt.gateway.admin.ReplicaAdminRoutes;
import dev.shunt.gateway.admin.ShadowAdminRoutes;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.gateway.error.ErrorResponses;
import dev.shunt.gateway.error.GatewayError;
import dev.shunt.gateway.error.GatewayErrors;
import dev.shunt.gateway.error.Outcome;
import dev.shunt.gateway.forward.Forwarder;
import dev.shunt.gateway.pipeline.Arrival;
import dev.shunt.gateway.pipeline.InferencePipeline;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.ServerMetadata;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything but the inference hot path, on Vert.x Web's router: the gateway's health and server
 * metadata, model metadata and readiness, {@code /metrics}, the admin API, inference paths the intake
 * leaves to the router (percent-encoded oddities), and the JSON errors for unknown paths and methods.
 */
final class ServiceRoutes {

    private static final Logger log = LoggerFactory.getLogger(ServiceRoutes.class);
    private static final String ARRIVAL = "shunt.arrival";

    private final EdgeParts parts;
    private final ErrorResponses errors;
    private final byte[] serverMetadata;

    ServiceRoutes(EdgeParts parts, ErrorResponses errors, InferenceCodec codec) {
        this.parts = requireNonNull(parts, "parts");
        this.errors = requireNonNull(errors, "errors");
        this.serverMetadata = codec.encodeJson(new ServerMetadata("shunt-gateway", "0.1.0", List.of(BinaryTensors.EXTENSION)));
    }

    /**
     * The inference listener's router; {@code operatorRoutes}: it also serves the admin API and
     * {@code /metrics} (false when {@code admin.listener} gives them a listener of their own: here they
     * are then unknown paths, 404).
     */
    Router router(Vertx vertx, long maxBodyBytes, InferencePipeline pipeline, Forwarder forwarder,
            boolean operatorRoutes) {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        for (String path : List.of("/v2/models/:model/infer", "/v2/models/:model/versions/:version/infer")) {
            // the listener sends inference calls to the pipeline itself; one reaches here only by an odd
            // path, and arrives when the router first sees it
            router.post(path).handler((PlatformHandler) this::jsonOnly).handler(body)
                    .handler(ctx -> pipeline.handle(ctx.request(), ctx.pathParam("model"),
                            ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer(), ctx.get(ARRIVAL)));
        }
        if (operatorRoutes) {
            mountOperatorRoutes(router);
        }
        ModelMetadataRoute metadata = new ModelMetadataRoute(parts.config(), parts.pools()::get, forwarder, errors);
        for (String path : List.of("/v2/models/:model", "/v2/models/:model/ready", "/v2/models/:model/versions/:version",
                "/v2/models/:model/versions/:version/ready")) {
            router.get(path).handler(metadata::handle);
        }
        mountHealth(router, operatorRoutes);
        router.get("/v2").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(serverMetadata)));
        mountErrors(router, maxBodyBytes);
        return router;
    }

    /** The admin listener's router: the admin API, {@code /metrics} and health. */
    Router adminRouter(Vertx vertx) {
        Router router = Router.router(vertx);
        mountOperatorRoutes(router);
        mountHealth(router, true);
        mountErrors(router, ShadowAdminRoutes.MAX_BODY);
        return router;
    }

    private void mountOperatorRoutes(Router router) {
        new AdminRoutes(parts.auth(), () -> parts.config().get().source(), parts.pools()::get, parts.reloader())
                .mount(router);
        new ShadowAdminRoutes(parts.config(), parts.mirrors(), parts.cutovers(), parts.replicas(), parts.peerClient())
                .mount(router);
        new ReplicaAdminRoutes(parts.replicas(), parts.mirrors(), parts.cutovers()).mount(router);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(parts.metrics().scrape()));
    }

    /**
     * {@code replicaDetail}: the readiness body also says how this replica stands among its peers (which
     * names the leader's address): not on an inference listener that an admin listener hides the
     * topology from.
     */
    private void mountHealth(Router router, boolean replicaDetail) {
        router.get("/v2/health/live").handler(ctx -> json(ctx, 200, "{\"live\":true}"));
        router.get("/v2/health/ready").handler(ctx -> {
            boolean ready = parts.ready().getAsBoolean();
            String plain = ready ? "{\"ready\":true}" : "{\"ready\":false}";
            json(ctx, ready ? 200 : 503, replicaDetail ? readiness(ready) : plain);
        });
    }

    private void mountErrors(Router router, long maxBodyBytes) {
        router.errorHandler(404, ctx -> error(ctx, new GatewayError(404, "no such endpoint: "
                + ctx.request().method().name() + " " + shorten(ctx.request().path()), OptionalInt.empty(),
                Outcome.NOT_FOUND)));
        router.errorHandler(405, ctx -> error(ctx, new GatewayError(405, "method " + ctx.request().method().name()
                + " is not allowed on " + shorten(ctx.request().path()), OptionalInt.empty(), Outcome.INVALID)));
        router.errorHandler(413, ctx -> error(ctx, GatewayErrors.bodyTooLarge(maxBodyBytes)));
        router.errorHandler(500, ctx -> {
            if (ctx.failure() != null) {
                log.warn("unexpected failure on {}", ctx.request().path(), ctx.failure());
            }
            error(ctx, GatewayErrors.of(ctx.failure() == null ? new IllegalStateException() : ctx.failure()));
        });
    }

    /** The router's share of the intake's content-type rule (see {@link InferIntake#refuseNonJson}). */
    private void jsonOnly(RoutingContext ctx) {
        ctx.put(ARRIVAL, Arrival.now(parts.clock()));
        GatewayError refused = InferIntake.refuseNonJson(ctx.request());
        if (refused != null) {
            error(ctx, refused);
            return;
        }
        ctx.next();
    }

    /** The readiness body; among replicas it also says how this one stands (leads, follows, no leader). */
    private String readiness(boolean ready) {
        if (!parts.replicas().replicated()) {
            return ready ? "{\"ready\":true}" : "{\"ready\":false}";
        }
        return new io.vertx.core.json.JsonObject().put("ready", ready)
                .put("replica", ReplicaAdminRoutes.detail(parts.replicas())).encode();
    }

    private void error(RoutingContext ctx, GatewayError error) {
        errors.write(ctx.response(), error);
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
