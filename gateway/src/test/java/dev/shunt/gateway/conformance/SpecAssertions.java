package dev.shunt.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** What the specifications require of every answer of a kind, asserted in one place. */
final class SpecAssertions {

    private SpecAssertions() {}

    /**
     * A failure: "must be indicated by an HTTP error status (typically 400). The HTTP body must contain
     * the ... object" {@code {"error": <error message string>}} (content type {@code application/json}
     * in the REST API's OpenAPI document).
     */
    static JsonNode isError(Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as("Content-Type of %s", answer).startsWith("application/json");
        JsonNode body = Wire.parse(answer.body());
        assertThat(body.isObject()).as("an object: %s", answer).isTrue();
        assertThat(body.path("error").isTextual()).as("\"error\" is a string: %s", answer).isTrue();
        assertThat(body.path("error").asText()).as("a descriptive message").isNotBlank();
        return body;
    }

    /** A successful inference in JSON: 200, JSON all through, {@code model_name} and {@code outputs}. */
    static JsonNode isJsonInference(Answer answer, String model) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
        assertThat(answer.header("Content-Type")).as("Content-Type").startsWith("application/json");
        if (answer.header(Answer.HEADER_LENGTH) != null) {
            assertThat(answer.jsonLength()).as("no binary data: the JSON is the whole body").isEqualTo(answer.body().length);
        }
        JsonNode json = Wire.parse(answer.body());
        assertThat(json.path("model_name").asText()).isEqualTo(model);
        assertThat(json.path("outputs").isArray()).as("outputs: %s", json).isTrue();
        return json;
    }

    /**
     * A successful inference with binary outputs, as the extension says: {@code
     * Inference-Header-Content-Length} gives the JSON object's length, {@code Content-Length} the whole
     * body's, and after the JSON come exactly the bytes each binary output's {@code binary_data_size}
     * declares.
     */
    static JsonNode isBinaryInference(Answer answer, String model) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
        assertThat(answer.header(Answer.HEADER_LENGTH)).as("Inference-Header-Content-Length").isNotNull();
        assertThat(answer.header("Content-Type")).as("Content-Type, as in the example").isEqualTo("application/octet-stream");
        assertThat(answer.header("Content-Length")).as("Content-Length: the full body")
                .isEqualTo(Integer.toString(answer.body().length));
        JsonNode json = answer.json();
        assertThat(json.path("model_name").asText()).isEqualTo(model);
        long declared = 0;
        for (JsonNode output : json.path("outputs")) {
            JsonNode size = output.path("parameters").path("binary_data_size");
            if (!size.isMissingNode()) {
                assertThat(size.canConvertToLong()).as("binary_data_size is an int64: %s", output).isTrue();
                declared += size.asLong();
                assertThat(output.has("data")).as("a binary output has no JSON data: %s", output).isFalse();
            }
        }
        assertThat((long) answer.binaryLength()).as("the bytes after the JSON are the binary outputs' sizes added up")
                .isEqualTo(declared);
        return json;
    }

    /** {@code binary_data_size} of a binary output: its elements times the datatype's size. */
    static void hasBinarySize(JsonNode output, long elements, int elementSize) {
        assertThat(output.path("parameters").path("binary_data_size").asLong()).as("binary_data_size of %s", output)
                .isEqualTo(elements * elementSize);
    }
}
