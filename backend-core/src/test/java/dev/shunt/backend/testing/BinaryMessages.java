package dev.shunt.backend.testing;

import dev.shunt.protocol.BinaryTensors;
import dev.shunt.protocol.EncodedMessage;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InferenceResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** Sends and reads bodies of Triton's binary tensor data extension, as a client would. */
public final class BinaryMessages {

    private static final InferenceCodec CODEC = new InferenceCodec();

    private BinaryMessages() {}

    /**
     * The headers a client sends with {@code message}: {@value BinaryTensors#HEADER_LENGTH} and
     * {@code application/octet-stream} when it has binary tensors, {@code application/json} otherwise.
     */
    public static Map<String, String> headers(EncodedMessage message) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", message.binary() ? "application/octet-stream" : "application/json");
        message.headerLength().ifPresent(n -> headers.put(BinaryTensors.HEADER_LENGTH, Integer.toString(n)));
        return headers;
    }

    /** POSTs {@code message} with its {@link #headers}. */
    public static HttpResponse<Buffer> post(HttpProbe http, String path, EncodedMessage message) {
        return http.post(path, message.bytes(), headers(message));
    }

    /** The response decoded as a client does: the JSON header's length from the response's header, if any. */
    public static InferenceResponse decode(HttpResponse<Buffer> response) {
        return decode(response, response.body().getBytes());
    }

    /** {@code body} (e.g. inflated by the test) decoded with the JSON header's length from the response's header. */
    public static InferenceResponse decode(HttpResponse<Buffer> response, byte[] body) {
        String header = response.getHeader(BinaryTensors.HEADER_LENGTH);
        return CODEC.decodeResponse(body, header == null ? -1 : Integer.parseInt(header));
    }
}
