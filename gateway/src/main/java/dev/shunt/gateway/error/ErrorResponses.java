package dev.shunt.gateway.error;

import static java.util.Objects.requireNonNull;

import dev.shunt.protocol.ErrorBody;
import dev.shunt.protocol.InferenceCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes a {@link GatewayError} as the protocol's JSON error body, with {@code Retry-After} when it has one. */
public final class ErrorResponses {

    private final InferenceCodec codec;

    public ErrorResponses(InferenceCodec codec) {
        this.codec = requireNonNull(codec, "codec");
    }

    /** Ends {@code response} with the error, unless it was already ended or closed. */
    public void write(HttpServerResponse response, GatewayError error) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json");
        error.retryAfterSeconds().ifPresent(s -> response.putHeader("Retry-After", Integer.toString(s)));
        response.end(Buffer.buffer(codec.encodeJson(new ErrorBody(error.message()))));
    }
}
