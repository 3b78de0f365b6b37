package dev.shunt.backend.http;

import dev.shunt.backend.error.HttpError;
import dev.shunt.protocol.ErrorBody;
import dev.shunt.protocol.InferenceCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes an {@link HttpError} as the protocol's JSON error body. */
final class ErrorWriter {

    private ErrorWriter() {}

    static void write(HttpServerResponse response, HttpError error, InferenceCodec codec) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json");
        error.retryAfterSeconds().ifPresent(s -> response.putHeader("Retry-After", Integer.toString(s)));
        response.end(Buffer.buffer(codec.encodeJson(new ErrorBody(error.message()))));
    }
}
