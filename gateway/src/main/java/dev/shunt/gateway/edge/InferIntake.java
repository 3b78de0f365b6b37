package dev.shunt.gateway.edge;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.error.ErrorResponses;
import dev.shunt.gateway.error.GatewayError;
import dev.shunt.gateway.error.GatewayErrors;
import dev.shunt.gateway.pipeline.Arrival;
import dev.shunt.gateway.pipeline.InferencePipeline;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.OptionalInt;

/**
 * The listener's request handler: inference calls go straight to the {@link InferencePipeline} once their
 * body is read (never more than the listener's limit: over it the answer is 413 and the connection
 * closes); everything else (health, metadata, admin, metrics, and every error about paths and methods)
 * goes to the router. Skipping the router on the hot path saves its per-request context and matching.
 * The request's {@link Arrival} is taken first thing, before its body is read: a body that comes slowly
 * counts against the request's deadline and in its duration.
 */
final class InferIntake implements Handler<HttpServerRequest> {

    private static final int INITIAL_CAPACITY_CAP = 1 << 20;

    private final long maxBodyBytes;
    private final InferencePipeline pipeline;
    private final Handler<HttpServerRequest> router;
    private final ErrorResponses errors;
    private final Clock clock;

    InferIntake(long maxBodyBytes, InferencePipeline pipeline, Handler<HttpServerRequest> router, ErrorResponses errors,
            Clock clock) {
        this.maxBodyBytes = maxBodyBytes;
        this.clock = requireNonNull(clock, "clock");
        this.pipeline = requireNonNull(pipeline, "pipeline");
        this.router = requireNonNull(router, "router");
        this.errors = requireNonNull(errors, "errors");
    }

    @Override
    public void handle(HttpServerRequest request) {
        Arrival arrival = Arrival.now(clock);
        String model = request.method() == HttpMethod.POST ? InferPath.model(request.path()) : null;
        if (model == null) {
            router.handle(request);
            return;
        }
        GatewayError notJson = refuseNonJson(request);
        if (notJson != null) {
            errors.write(request.response(), notJson);
            return;
        }
        long declared = declaredLength(request.getHeader("Content-Length"));
        if (declared > maxBodyBytes) {
            tooLarge(request);
            return;
        }
        Buffer body = Buffer.buffer((int) Math.min(Math.max(declared, 256), INITIAL_CAPACITY_CAP));
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBodyBytes) {
                refused[0] = true;
                tooLarge(request);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> refused[0] = true);
        request.endHandler(v -> {
            if (!refused[0]) {
                pipeline.handle(request, model, body, arrival);
            }
        });
    }

    /**
     * Bodies are JSON whatever the client called them: curl's default form type is relabelled as JSON
     * for the backend; multipart is refused (the answer), anything else passes (null).
     */
    static GatewayError refuseNonJson(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        if (type != null && type.regionMatches(true, 0, "multipart/", 0, 10)) {
            return new GatewayError(400, "Content-Type: multipart (expected: application/json)", OptionalInt.empty(),
                    dev.shunt.gateway.error.Outcome.INVALID);
        }
        if (type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)) {
            request.headers().set("Content-Type", "application/json");
        }
        return null;
    }

    private void tooLarge(HttpServerRequest request) {
        // the rest of the body is not read: the connection cannot carry another request
        request.response().putHeader("Connection", "close");
        errors.write(request.response(), GatewayErrors.bodyTooLarge(maxBodyBytes));
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
