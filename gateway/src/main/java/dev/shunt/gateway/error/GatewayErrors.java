package dev.shunt.gateway.error;

import dev.shunt.protocol.ClientText;
import dev.shunt.protocol.InvalidRequestException;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;

/** The one place that maps the gateway's failures to statuses; anything unexpected is a 500 without details. */
public final class GatewayErrors {

    private GatewayErrors() {}

    /**
     * The answer for a failure; its message as a client may see it ({@link ClientText}: no stack trace,
     * class name or library internals, whoever wrote the message).
     */
    public static GatewayError of(Throwable failure) {
        GatewayError error = mapped(failure);
        return new GatewayError(error.status(), ClientText.of(error.message()), error.retryAfterSeconds(),
                error.outcome());
    }

    private static GatewayError mapped(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof InvalidRequestException || t instanceof BadRequest) {
            return new GatewayError(400, t.getMessage(), OptionalInt.empty(), Outcome.INVALID);
        }
        if (t instanceof NoRoute) {
            return new GatewayError(404, t.getMessage(), OptionalInt.empty(), Outcome.NO_ROUTE);
        }
        if (t instanceof Overloaded o) {
            return new GatewayError(o.shedByPriority() ? 429 : 503, o.getMessage(), OptionalInt.of(1), Outcome.SHED);
        }
        if (t instanceof NoBackendAvailable) {
            return new GatewayError(503, t.getMessage(), OptionalInt.of(1), Outcome.NO_BACKEND);
        }
        if (t instanceof UpstreamTimeout) {
            return new GatewayError(504, t.getMessage(), OptionalInt.empty(), Outcome.TIMEOUT);
        }
        if (t instanceof DeadlineExpired) {
            return new GatewayError(504, t.getMessage(), OptionalInt.empty(), Outcome.DEADLINE);
        }
        if (t instanceof UpstreamUnreachable) {
            return new GatewayError(502, t.getMessage(), OptionalInt.empty(), Outcome.UNREACHABLE);
        }
        return new GatewayError(500, "internal error", OptionalInt.empty(), Outcome.ERROR);
    }

    /** 413 for a body over the cap. */
    public static GatewayError bodyTooLarge(long limit) {
        return new GatewayError(413, "request body is larger than the limit of " + limit + " bytes", OptionalInt.empty(),
                Outcome.TOO_LARGE);
    }
}
