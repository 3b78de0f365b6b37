package dev.shunt.gateway.conformance;

import static dev.shunt.gateway.conformance.SpecAssertions.hasBinarySize;
import static dev.shunt.gateway.conformance.SpecAssertions.isBinaryInference;
import static dev.shunt.gateway.conformance.SpecAssertions.isJsonInference;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Triton's binary tensor data extension (triton-inference-server/server,
 * {@code docs/protocol/extension_binary_data.md}): "binary_data_size" on a request input or response
 * output, "binary_data" on a requested output, "binary_data_output" on the request ("unless
 * overridden by "binary_data" on a specific output"); the body "will contain the JSON inference
 * request or response object followed by the binary tensor data in the same order as the order of
 * the input or output tensors are specified in the JSON", "Inference-Header-Content-Length" giving
 * the JSON's length and "Content-Length continues to give the full body length"; data "in
 * little-endian byte order, row major, without stride or padding between elements".
 */
class BinaryTensorsConformanceTest {

    static Answer mlpJson(Target target, ObjectNode request) {
        return target.infer("mlp", Wire.bytes(request), Wire.JSON_HEADERS);
    }

    static Answer send(Target target, String model, Wire.Binary message) {
        return target.infer(model, message.body(), message.headers());
    }

    static float[] jsonAnswer(Target target, int rows) {
        JsonNode answer = isJsonInference(mlpJson(target, Wire.request(Models.mlpInput(rows))), "mlp");
        return Tensors.floats(answer.path("outputs").get(0).path("data"));
    }

    /** An input in binary is the same tensor as in JSON; the output, not asked for in binary, is JSON. */
    @AgainstEveryTarget
    void aBinaryInputAnswersAsTheSameInputInJson(Target target) {
        ObjectNode request = Wire.request(Wire.binaryInput("input", "FP32", new long[] {2, 512}, 2 * 512 * 4));

        Answer answer = send(target, "mlp", Wire.Binary.of(request, Tensors.fp32(Models.mlpValues(2))));

        JsonNode json = isJsonInference(answer, "mlp");
        assertThat(Tensors.floats(json.path("outputs").get(0).path("data"))).containsExactly(jsonAnswer(target, 2));
    }

    /**
     * "binary_data": true on a requested output: it comes back after the JSON, its
     * "binary_data_size" its bytes, which decode to the values the JSON answer gives.
     */
    @AgainstEveryTarget
    void anOutputAskedInBinaryComesAfterTheJsonWithItsSize(Target target) {
        ObjectNode request = Wire.request(Models.mlpInput(2));
        request.putArray("outputs").add(Wire.output("output", true));

        Answer answer = mlpJson(target, request);

        JsonNode json = isBinaryInference(answer, "mlp");
        JsonNode output = answer.output("output");
        assertThat(output.path("datatype").asText()).isEqualTo("FP32");
        assertThat(output.path("shape").toString()).isEqualTo("[2,10]");
        hasBinarySize(output, 20, 4);
        assertThat(answer.jsonLength() + 80).isEqualTo(answer.body().length);
        assertThat(json.path("outputs")).hasSize(1);
        assertThat(Tensors.floats(answer.binary("output"))).containsExactly(jsonAnswer(target, 2));
    }

    /** "binary_data_output": true asks for every output in binary, each in the order of the JSON. */
    @AgainstEveryTarget
    void binaryDataOutputAsksForEveryOutputInBinary(Target target) {
        ObjectNode request = Wire.request(Models.idsInput(), Models.offsetsInput());
        request.putObject("parameters").put("binary_data_output", true);

        Answer answer = target.infer("ids", Wire.bytes(request), Wire.JSON_HEADERS);

        JsonNode json = isBinaryInference(answer, "ids");
        assertThat(json.path("outputs")).hasSize(2);
        hasBinarySize(answer.output("total"), 6, 8);
        hasBinarySize(answer.output("ids_u32"), 6, 4);
        assertThat(answer.binaryLength()).isEqualTo(48 + 24);
        assertThat(Tensors.uint64(answer.binary("total"))).containsExactly(Models.TOTAL);
        assertThat(Tensors.uint32(answer.binary("ids_u32"))).containsExactly(Models.IDS);
    }

    /** "If "binary_data" is specified on an output it overrides this setting": false keeps that one in JSON. */
    @AgainstEveryTarget
    void binaryDataFalseOnAnOutputOverridesBinaryDataOutput(Target target) {
        ObjectNode request = Wire.request(Models.idsInput(), Models.offsetsInput());
        request.putObject("parameters").put("binary_data_output", true);
        request.putArray("outputs").add(Wire.output("total", null)).add(Wire.output("ids_u32", false));

        Answer answer = target.infer("ids", Wire.bytes(request), Wire.JSON_HEADERS);

        isBinaryInference(answer, "ids");
        hasBinarySize(answer.output("total"), 6, 8);
        assertThat(answer.binaryLength()).isEqualTo(48);
        assertThat(Tensors.uint64(answer.binary("total"))).containsExactly(Models.TOTAL);
        JsonNode ids = answer.output("ids_u32");
        assertThat(ids.path("parameters").has("binary_data_size")).as("%s", ids).isFalse();
        assertThat(Tensors.integers(ids.path("data"))).containsExactly(Models.IDS);
    }

    /** On mlp's only output: "binary_data": false overrides "binary_data_output": true, and the answer is JSON. */
    @AgainstEveryTarget
    void binaryDataFalseOnTheOnlyOutputGivesAJsonAnswer(Target target) {
        ObjectNode request = Wire.request(Models.mlpInput(1));
        request.putObject("parameters").put("binary_data_output", true);
        request.putArray("outputs").add(Wire.output("output", false));

        JsonNode json = isJsonInference(mlpJson(target, request), "mlp");

        assertThat(Tensors.floats(json.path("outputs").get(0).path("data"))).containsExactly(jsonAnswer(target, 1));
    }

    /** Inputs in JSON and in binary mixed, either way round, are the same tensors. */
    @AgainstEveryTarget
    void jsonAndBinaryInputsMix(Target target) {
        Wire.Binary idsInBinary = Wire.Binary.of(Wire.request(Models.idsBinaryInput(), Models.offsetsInput()),
                Tensors.uint32(Models.IDS));
        Wire.Binary offsetsInBinary = Wire.Binary.of(Wire.request(Models.idsInput(), Models.offsetsBinaryInput()),
                Tensors.uint64(Models.OFFSETS));

        for (Wire.Binary message : List.of(idsInBinary, offsetsInBinary)) {
            JsonNode json = isJsonInference(send(target, "ids", message), "ids");
            assertThat(Tensors.integers(JsonInferenceConformanceTest.output(json, "total").path("data")))
                    .containsExactly(Models.TOTAL);
            assertThat(Tensors.integers(JsonInferenceConformanceTest.output(json, "ids_u32").path("data")))
                    .containsExactly(Models.IDS);
        }
    }

    /**
     * "followed by the binary tensor data in the same order as the order of the input ... tensors are
     * specified in the JSON": listed in the other order than the model's metadata, read in the JSON's.
     */
    @AgainstEveryTarget
    void binaryInputsAreReadInTheOrderTheJsonListsThem(Target target) {
        ObjectNode request = Wire.request(Models.offsetsBinaryInput(), Models.idsBinaryInput());

        Answer answer = send(target, "ids", Wire.Binary.of(request, Tensors.uint64(Models.OFFSETS), Tensors.uint32(Models.IDS)));

        JsonNode json = isJsonInference(answer, "ids");
        assertThat(Tensors.integers(JsonInferenceConformanceTest.output(json, "total").path("data")))
                .containsExactly(Models.TOTAL);
        assertThat(Tensors.integers(JsonInferenceConformanceTest.output(json, "ids_u32").path("data")))
                .containsExactly(Models.IDS);
    }

    /**
     * The extension's own example, on these models: the request names its model ("model_name", as the
     * example's does), every input in binary ("<16 bytes of data for input0 tensor>" then the next),
     * the outputs asked in binary, the answer's sizes adding up.
     */
    @AgainstEveryTarget
    void everyInputAndOutputInBinaryAsInTheExample(Target target) {
        ObjectNode request = Wire.object().put("model_name", "ids").put("id", "ex");
        request.putArray("inputs").add(Models.idsBinaryInput()).add(Models.offsetsBinaryInput());
        request.putArray("outputs").add(Wire.output("ids_u32", true)).add(Wire.output("total", true));

        Answer answer = send(target, "ids", Wire.Binary.of(request, Tensors.uint32(Models.IDS), Tensors.uint64(Models.OFFSETS)));

        JsonNode json = isBinaryInference(answer, "ids");
        assertThat(json.path("id").asText()).isEqualTo("ex");
        assertThat(answer.binaryLength()).isEqualTo(24 + 48);
        assertThat(Tensors.uint64(answer.binary("total"))).containsExactly(Models.TOTAL);
        assertThat(Tensors.uint32(answer.binary("ids_u32"))).containsExactly(Models.IDS);
    }
}
