package dev.shunt.backend.http;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.ErrorResponses;
import dev.shunt.backend.error.ModelNotFoundException;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.protocol.ErrorBody;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.ServerMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** Health and metadata endpoints of the v2 protocol. */
final class MetadataHandlers {

    private final ServedModel model;
    private final InferenceCodec codec;
    private final BooleanSupplier ready;
    private final byte[] serverMetadata;
    private final byte[] modelMetadata;

    MetadataHandlers(ServedModel model, InferenceCodec codec, BooleanSupplier ready, ServerMetadata server) {
        this.model = requireNonNull(model, "model");
        this.codec = requireNonNull(codec, "codec");
        this.ready = requireNonNull(ready, "ready");
        this.serverMetadata = codec.encodeJson(server);
        this.modelMetadata = codec.encodeJson(model.metadata());
    }

    void live(RoutingContext ctx) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end("{\"live\":true}");
    }

    void ready(RoutingContext ctx) {
        boolean ok = ready.getAsBoolean();
        ctx.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(ok ? "{\"ready\":true}" : "{\"ready\":false}");
    }

    void server(RoutingContext ctx) {
        json(ctx, 200, serverMetadata);
    }

    void model(RoutingContext ctx) {
        if (knownModel(ctx)) {
            json(ctx, 200, modelMetadata);
        }
    }

    /** The protocol's {@code $ready_model_response}: {@code {"name": $string, "ready": $bool}}. */
    void modelReady(RoutingContext ctx) {
        if (knownModel(ctx)) {
            boolean ok = ready.getAsBoolean();
            ctx.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("name", model.metadata().name()).put("ready", ok).toBuffer());
        }
    }

    private boolean knownModel(RoutingContext ctx) {
        try {
            ModelPaths.resolve(model.metadata(), ctx.pathParam("model"), ctx.pathParam("version"));
            return true;
        } catch (ModelNotFoundException missing) {
            json(ctx, ErrorResponses.of(missing).status(), codec.encodeJson(new ErrorBody(missing.getMessage())));
            return false;
        }
    }

    private static void json(RoutingContext ctx, int status, byte[] body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }
}
