package dev.shunt.gateway.conformance;

import static dev.shunt.gateway.conformance.SpecAssertions.isError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Health, server metadata and model metadata, from the Open Inference Protocol's HTTP/REST
 * specification (kserve/open-inference-protocol, {@code specification/protocol/inference_rest.md} and
 * {@code open_inference_rest.yaml}, read at commit d49cc23) and Triton's binary tensor data extension
 * ({@code docs/protocol/extension_binary_data.md}: "Triton reports “binary_tensor_data” in the
 * extensions field of its Server Metadata").
 */
class HealthAndMetadataConformanceTest {

    /** "Server Live | GET | v2/health/live" answers {@code $live_server_response = {"live": $bool}}. */
    @AgainstEveryTarget
    void serverLiveIs200AndSaysLive(Target target) {
        Answer live = target.get("mlp", "/v2/health/live");

        assertThat(live.status()).isEqualTo(200);
        assertThat(Wire.parse(live.body()).path("live").isBoolean()).as("%s", live).isTrue();
        assertThat(Wire.parse(live.body()).path("live").booleanValue()).isTrue();
    }

    /** "Server Ready | GET | v2/health/ready": 200 when every model is ready for inferencing. */
    @AgainstEveryTarget
    void serverReadyIs200(Target target) {
        assertThat(target.get("mlp", "/v2/health/ready").status()).isEqualTo(200);
        assertThat(target.get("ids", "/v2/health/ready").status()).isEqualTo(200);
    }

    /** {@code $metadata_server_response = {"name": $string, "version": $string, "extensions": [$string, ...]}}. */
    @AgainstEveryTarget
    void serverMetadataHasNameVersionAndTheBinaryExtension(Target target) {
        Answer answer = target.get("mlp", "/v2");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode server = Wire.parse(answer.body());
        assertThat(server.path("name").isTextual()).as("%s", server).isTrue();
        assertThat(server.path("version").isTextual()).as("%s", server).isTrue();
        assertThat(server.path("extensions").isArray()).as("%s", server).isTrue();
        List<String> extensions = new ArrayList<>();
        server.path("extensions").forEach(e -> {
            assertThat(e.isTextual()).as("each extension is a string: %s", server).isTrue();
            extensions.add(e.asText());
        });
        assertThat(extensions).contains("binary_tensor_data");
    }

    /**
     * {@code $metadata_model_response = {"name", "versions" #optional, "platform", "inputs", "outputs"}},
     * each tensor {@code {"name", "datatype", "shape"}}, "Variable-size dimensions are specified as -1",
     * and a platform named "<project>_<format>".
     */
    @AgainstEveryTarget
    void modelMetadataDescribesTheModelsTensors(Target target) {
        JsonNode mlp = metadata(target, "mlp");
        assertThat(mlp.path("inputs")).hasSize(1);
        assertTensor(mlp.path("inputs").get(0), "input", "FP32", -1, 512);
        assertThat(mlp.path("outputs")).hasSize(1);
        assertTensor(mlp.path("outputs").get(0), "output", "FP32", -1, 10);

        JsonNode ids = metadata(target, "ids");
        assertThat(ids.path("platform").asText()).as("one of the spec's platforms").isEqualTo("pytorch_torchscript");
        assertThat(ids.path("inputs")).hasSize(2);
        assertTensor(ids.path("inputs").get(0), "ids", "UINT32", -1, 3);
        assertTensor(ids.path("inputs").get(1), "offsets", "UINT64", -1, 3);
        assertThat(ids.path("outputs")).hasSize(2);
        assertTensor(ids.path("outputs").get(0), "total", "UINT64", -1, 3);
        assertTensor(ids.path("outputs").get(1), "ids_u32", "UINT32", -1, 3);
    }

    /** "versions": "The model versions that may be explicitly requested via the appropriate endpoint." */
    @AgainstEveryTarget
    void everyListedVersionAnswersAtItsPath(Target target) {
        JsonNode versions = metadata(target, "mlp").path("versions");
        for (JsonNode version : versions) {
            String path = "/v2/models/mlp/versions/" + version.asText();
            Answer answer = target.get("mlp", path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(Wire.parse(answer.body()).path("name").asText()).isEqualTo("mlp");
            assertThat(target.get("mlp", path + "/ready").status()).as(path + "/ready").isEqualTo(200);
        }
    }

    /** {@code $ready_model_response = {"name": $string, "ready": $bool}}. */
    @AgainstEveryTarget
    void modelReadyIs200WithNameAndReady(Target target) {
        for (String model : List.of("mlp", "ids")) {
            Answer answer = target.get(model, "/v2/models/" + model + "/ready");

            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            JsonNode ready = Wire.parse(answer.body());
            assertThat(ready.path("name").asText()).as("%s", ready).isEqualTo(model);
            assertThat(ready.path("ready").isBoolean()).as("%s", ready).isTrue();
            assertThat(ready.path("ready").booleanValue()).isTrue();
        }
    }

    /**
     * "A failed model metadata request must be indicated by an HTTP error status (typically 400). The
     * HTTP body must contain the $metadata_model_error_response object": {@code {"error": $string}}; an
     * unknown model is a 404, the status HTTP gives a resource that is not there.
     */
    @AgainstEveryTarget
    void anUnknownModelsMetadataAndReadinessAreErrors(Target target) {
        isError(target.get("mlp", "/v2/models/no-such-model"), 404);
        isError(target.get("mlp", "/v2/models/no-such-model/ready"), 404);
        isError(target.get("mlp", "/v2/models/mlp/versions/999"), 404);
    }

    static JsonNode metadata(Target target, String model) {
        Answer answer = target.get(model, "/v2/models/" + model);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode metadata = Wire.parse(answer.body());
        assertThat(metadata.path("name").asText()).isEqualTo(model);
        assertThat(metadata.path("platform").isTextual()).as("%s", metadata).isTrue();
        assertThat(metadata.path("platform").asText()).as("<project>_<format>").matches("[a-z0-9]+_[a-z0-9]+");
        if (metadata.has("versions")) {
            assertThat(metadata.path("versions").isArray()).isTrue();
            metadata.path("versions").forEach(v -> assertThat(v.isTextual()).as("a version is a string").isTrue());
        }
        assertThat(metadata.path("inputs").isArray()).as("%s", metadata).isTrue();
        assertThat(metadata.path("outputs").isArray()).as("%s", metadata).isTrue();
        return metadata;
    }

    static void assertTensor(JsonNode tensor, String name, String datatype, long... shape) {
        assertThat(tensor.path("name").asText()).as("%s", tensor).isEqualTo(name);
        assertThat(tensor.path("datatype").asText()).as("%s", tensor).isEqualTo(datatype);
        List<Long> dims = new ArrayList<>();
        tensor.path("shape").forEach(d -> {
            assertThat(d.isIntegralNumber()).as("a dimension is a number: %s", tensor).isTrue();
            dims.add(d.asLong());
        });
        assertThat(dims).as("%s", tensor).containsExactly(Arrays.stream(shape).boxed().toArray(Long[]::new));
    }
}
