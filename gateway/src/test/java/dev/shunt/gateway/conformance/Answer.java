package dev.shunt.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * What a client sees of an answer, read as the specifications say: the body is JSON, or, when
 * {@code Inference-Header-Content-Length} is given, a JSON object of that many bytes followed by each
 * binary output's bytes in the order the outputs appear in the JSON.
 */
record Answer(int status, MultiMap headers, byte[] body) {

    static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    static Answer of(HttpResponse<Buffer> response) {
        Buffer body = response.body();
        return new Answer(response.statusCode(), response.headers(), body == null ? new byte[0] : body.getBytes());
    }

    String header(String name) {
        return headers.get(name);
    }

    /** The JSON object's length: the header's value when given, else the whole body. */
    int jsonLength() {
        String declared = header(HEADER_LENGTH);
        return declared == null ? body.length : Integer.parseInt(declared.trim());
    }

    /** The JSON object at the start of the body. */
    JsonNode json() {
        return Wire.parse(Arrays.copyOfRange(body, 0, jsonLength()));
    }

    /** The output named {@code name} in the JSON. */
    JsonNode output(String name) {
        for (JsonNode output : json().path("outputs")) {
            if (output.path("name").asText().equals(name)) {
                return output;
            }
        }
        throw new NoSuchElementException("no output " + name + " in " + json());
    }

    /** Bytes after the JSON object. */
    int binaryLength() {
        return body.length - jsonLength();
    }

    /**
     * The binary bytes of output {@code name}, little-endian: found by adding up the
     * {@code binary_data_size} of the binary outputs before it in the JSON.
     */
    ByteBuffer binary(String name) {
        int offset = jsonLength();
        for (JsonNode output : json().path("outputs")) {
            JsonNode size = output.path("parameters").path("binary_data_size");
            if (!size.isMissingNode()) {
                if (output.path("name").asText().equals(name)) {
                    assertThat(offset + size.asLong()).as("%s's bytes lie within the body", name)
                            .isLessThanOrEqualTo(body.length);
                    return ByteBuffer.wrap(body, offset, size.asInt()).slice().order(ByteOrder.LITTLE_ENDIAN);
                }
                offset += size.asInt();
            }
        }
        throw new NoSuchElementException("no binary output " + name + " in " + json());
    }

    @Override
    public String toString() {
        String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8);
        return status + " " + headers.entries() + " " + text;
    }
}
