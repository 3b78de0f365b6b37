package dev.shunt.gateway.conformance;

import static dev.shunt.gateway.conformance.SpecAssertions.isJsonInference;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inference in JSON, from the Open Inference Protocol's HTTP/REST specification
 * (kserve/open-inference-protocol, {@code specification/protocol/inference_rest.md}, commit d49cc23):
 * "Inference Request JSON Object", "Inference Response JSON Object", "Parameters" and "Tensor Data".
 */
class JsonInferenceConformanceTest {

    static Answer post(Target target, String model, JsonNode request) {
        return target.infer(model, Wire.bytes(request), Wire.JSON_HEADERS);
    }

    /**
     * "id": "Optional, but if specified this identifier must be returned in the response"; the
     * response has "model_name" and each output "name", "shape", "datatype" and "data"; a batched
     * output's "shape and data represents the full shape of the entire batch".
     */
    @AgainstEveryTarget
    void theIdIsEchoedAndTheAnswerNamesTheModelAndDescribesTheOutput(Target target) {
        ObjectNode request = Wire.request(Models.mlpInput(2)).put("id", "42");

        JsonNode answer = isJsonInference(post(target, "mlp", request), "mlp");

        assertThat(answer.path("id").asText()).isEqualTo("42");
        assertThat(answer.path("outputs")).hasSize(1);
        JsonNode output = answer.path("outputs").get(0);
        assertThat(output.path("name").asText()).isEqualTo("output");
        assertThat(output.path("datatype").asText()).isEqualTo("FP32");
        assertThat(output.path("shape").toString()).isEqualTo("[2,10]");
        assertThat(output.path("data")).hasSize(20).allMatch(JsonNode::isNumber);
    }

    /** "outputs": "Optional, if not specified all outputs produced by the model will be returned". */
    @AgainstEveryTarget
    void everyOutputComesBackWhenNoneIsNamed(Target target) {
        JsonNode answer = isJsonInference(post(target, "ids", Wire.request(Models.idsInput(), Models.offsetsInput())), "ids");

        assertThat(names(answer)).containsExactlyInAnyOrder("total", "ids_u32");
        JsonNode total = output(answer, "total");
        assertThat(total.path("datatype").asText()).isEqualTo("UINT64");
        assertThat(total.path("shape").toString()).isEqualTo("[2,3]");
        assertThat(Tensors.integers(total.path("data"))).containsExactly(Models.TOTAL);
        JsonNode ids = output(answer, "ids_u32");
        assertThat(ids.path("datatype").asText()).isEqualTo("UINT32");
        assertThat(Tensors.integers(ids.path("data"))).containsExactly(Models.IDS);
    }

    /** "outputs": "The output tensors requested for this inference": only those come back. */
    @AgainstEveryTarget
    void onlyTheOutputsNamedComeBack(Target target) {
        ObjectNode request = Wire.request(Models.idsInput(), Models.offsetsInput());
        request.putArray("outputs").add(Wire.output("ids_u32", null));

        JsonNode answer = isJsonInference(post(target, "ids", request), "ids");

        assertThat(names(answer)).containsExactly("ids_u32");
        assertThat(Tensors.integers(output(answer, "ids_u32").path("data"))).containsExactly(Models.IDS);
    }

    /**
     * "Tensor elements may be presented in their nature multi-dimensional representation, or as a
     * flattened one-dimensional representation": both mean the same tensor.
     */
    @AgainstEveryTarget
    void nestedAndFlatDataGiveTheSameAnswer(Target target) {
        float[] values = Models.mlpValues(2);
        ArrayNode nested = Wire.JSON.createArrayNode();
        for (int row = 0; row < 2; row++) {
            nested.add(Tensors.json(Arrays.copyOfRange(values, row * 512, row * 512 + 512)));
        }
        ObjectNode nestedRequest = Wire.request(Wire.input("input", "FP32", new long[] {2, 512}, nested));

        JsonNode flat = isJsonInference(post(target, "mlp", Wire.request(Models.mlpInput(2))), "mlp");
        JsonNode fromNested = isJsonInference(post(target, "mlp", nestedRequest), "mlp");

        assertThat(Tensors.floats(fromNested.path("outputs").get(0).path("data")))
                .containsExactly(Tensors.floats(flat.path("outputs").get(0).path("data")));
    }

    /**
     * "Each element of the array may be an integer, floating-point number, string or boolean value. The
     * server can decide to coerce each element to the required type or return an error": integers for
     * an FP32 input are either the same numbers as floats, or a failed request.
     */
    @AgainstEveryTarget
    void integersForAnFp32InputAreCoercedToTheSameValuesOrRefused(Target target) {
        float[] values = new float[512];
        ArrayNode integers = Wire.JSON.createArrayNode();
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 5 - 2;
            integers.add(i % 5 - 2);
        }
        Answer answer = post(target, "mlp", Wire.request(Wire.input("input", "FP32", new long[] {1, 512}, integers)));

        if (answer.status() == 200) {
            JsonNode asFloats = isJsonInference(post(target, "mlp",
                    Wire.request(Wire.input("input", "FP32", new long[] {1, 512}, Tensors.json(values)))), "mlp");
            assertThat(isJsonInference(answer, "mlp").path("outputs")).isEqualTo(asFloats.path("outputs"));
        } else {
            SpecAssertions.isError(answer, 400);
        }
    }

    /**
     * "parameters": "An object containing zero or more parameters for this inference request [input,
     * output] expressed as key/value pairs", each value "a $string, $number, or $boolean"; "A server can
     * implement server-specific parameters": ones it does not know change nothing.
     */
    @AgainstEveryTarget
    void parametersOnTheRequestInputsAndOutputsAreAccepted(Target target) {
        ObjectNode input = Models.mlpInput(1);
        input.putObject("parameters").put("my_input_note", "x").put("my_weight", 1.5);
        ObjectNode request = Wire.request(input);
        request.putObject("parameters").put("my_custom_parameter", 42).put("my_flag", true).put("my_text", "t");
        ObjectNode output = Wire.output("output", null);
        output.putObject("parameters").put("my_output_note", 7);
        request.putArray("outputs").add(output);

        JsonNode withParameters = isJsonInference(post(target, "mlp", request), "mlp");
        JsonNode without = isJsonInference(post(target, "mlp", Wire.request(Models.mlpInput(1))), "mlp");

        assertThat(Tensors.floats(withParameters.path("outputs").get(0).path("data")))
                .containsExactly(Tensors.floats(without.path("outputs").get(0).path("data")));
    }

    /**
     * "POST v2/models/<model_name>[/versions/<model_version>]/infer": a version the model metadata
     * lists ("may be explicitly requested") answers as the unversioned path does.
     */
    @AgainstEveryTarget
    void aListedVersionInfersAtItsPath(Target target) {
        JsonNode versions = HealthAndMetadataConformanceTest.metadata(target, "mlp").path("versions");
        for (JsonNode version : versions) {
            Answer answer = target.post("mlp", "/v2/models/mlp/versions/" + version.asText() + "/infer",
                    Wire.bytes(Wire.request(Models.mlpInput(1))), Wire.JSON_HEADERS);
            JsonNode json = isJsonInference(answer, "mlp");
            assertThat(json.path("outputs").get(0).path("shape").toString()).isEqualTo("[1,10]");
        }
    }

    static List<String> names(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.path("outputs").forEach(o -> names.add(o.path("name").asText()));
        return names;
    }

    static JsonNode output(JsonNode answer, String name) {
        for (JsonNode output : answer.path("outputs")) {
            if (output.path("name").asText().equals(name)) {
                return output;
            }
        }
        throw new AssertionError("no output " + name + " in " + answer);
    }
}
