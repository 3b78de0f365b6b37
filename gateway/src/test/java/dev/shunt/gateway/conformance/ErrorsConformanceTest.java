package dev.shunt.gateway.conformance;

import static dev.shunt.gateway.conformance.SpecAssertions.isError;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Failed requests. The Open Inference Protocol (inference_rest.md, "Inference Response JSON Error
 * Object"): "A failed inference request must be indicated by an HTTP error status (typically 400).
 * The HTTP body must contain the $inference_error_response object", {@code {"error": <error message
 * string>}}. What makes a request fail comes from the request object's rules (shape and data "must
 * represent the full shape and contents of the entire batch", "inputs" required, "outputs" naming
 * output tensors) and from the binary extension's layout (the JSON object of
 * Inference-Header-Content-Length bytes "followed by the binary tensor data", each tensor's
 * "binary_data_size" its bytes; "If any binary data is present in the request ... the
 * Inference-Header-Content-Length header must be provided"). An unknown model is a 404.
 */
class ErrorsConformanceTest {

    static Answer json(Target target, String body) {
        return target.infer("mlp", body.getBytes(StandardCharsets.UTF_8), Wire.JSON_HEADERS);
    }

    static Answer json(Target target, ObjectNode request) {
        return target.infer("mlp", Wire.bytes(request), Wire.JSON_HEADERS);
    }

    /** One FP32 [1,512] input in binary, with {@code size} declared and {@code bytes} after the JSON. */
    static Wire.Binary binary(int size, int bytes) {
        return Wire.Binary.of(Wire.request(Wire.binaryInput("input", "FP32", new long[] {1, 512}, size)), new byte[bytes]);
    }

    @AgainstEveryTarget
    void malformedJsonIsA400(Target target) {
        isError(json(target, "{\"inputs\": [{\"name\": \"input\","), 400);
        isError(json(target, "not json"), 400);
        isError(json(target, "[1, 2, 3]"), 400);
    }

    @AgainstEveryTarget
    void aRequestWithoutInputsIsA400(Target target) {
        isError(json(target, "{\"id\": \"no-inputs\"}"), 400);
    }

    @AgainstEveryTarget
    void aShapeTheModelDoesNotTakeIsA400(Target target) {
        isError(json(target, Wire.request(Wire.input("input", "FP32", new long[] {1, 3}, Tensors.json(new float[3])))), 400);
    }

    /** "Each dimension must be an integer representable as an unsigned 64-bit integer value." */
    @AgainstEveryTarget
    void aShapeDimensionThatIsNotAnUnsignedIntegerIsA400(Target target) {
        isError(json(target, Wire.request(Wire.input("input", "FP32", new long[] {-1, 512},
                Tensors.json(new float[512])))), 400);
        isError(json(target, "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1.5,512],"
                + "\"data\":" + Tensors.json(new float[512]) + "}]}"), 400);
        isError(json(target, "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[\"1\",512],"
                + "\"data\":" + Tensors.json(new float[512]) + "}]}"), 400);
    }

    @AgainstEveryTarget
    void dataThatDoesNotFillTheShapeIsA400(Target target) {
        isError(json(target, Wire.request(Wire.input("input", "FP32", new long[] {1, 512},
                Tensors.json(new float[511])))), 400);
        isError(json(target, Wire.request(Wire.input("input", "FP32", new long[] {1, 512},
                Tensors.json(new float[513])))), 400);
    }

    @AgainstEveryTarget
    void anUnknownInputIsA400(Target target) {
        isError(json(target, Wire.request(Wire.input("no_such_input", "FP32", new long[] {1, 512},
                Tensors.json(new float[512])))), 400);
    }

    @AgainstEveryTarget
    void anUnknownOutputIsA400(Target target) {
        ObjectNode request = Wire.request(Models.mlpInput(1));
        request.putArray("outputs").add(Wire.output("no_such_output", null));

        isError(json(target, request), 400);
    }

    @AgainstEveryTarget
    void anUnknownModelIsA404(Target target) {
        isError(target.infer("no-such-model", Wire.bytes(Wire.request(Models.mlpInput(1))), Wire.JSON_HEADERS), 404);
        isError(target.post("mlp", "/v2/models/mlp/versions/999/infer", Wire.bytes(Wire.request(Models.mlpInput(1))),
                Wire.JSON_HEADERS), 404);
    }

    /** binary_data_size, the tensor's bytes, must be what its datatype and shape take (FP32 [1,512]: 2048). */
    @AgainstEveryTarget
    void aBinarySizeThatIsNotTheShapesIsA400(Target target) {
        for (Wire.Binary message : new Wire.Binary[] {binary(12, 12), binary(4096, 4096), binary(-4, 0)}) {
            isError(target.infer("mlp", message.body(), message.headers()), 400);
        }
    }

    @AgainstEveryTarget
    void aBodyCutShortOfTheDeclaredSizesIsA400(Target target) {
        Wire.Binary message = binary(2048, 1000);

        isError(target.infer("mlp", message.body(), message.headers()), 400);
    }

    @AgainstEveryTarget
    void bytesPastTheDeclaredSizesAreA400(Target target) {
        Wire.Binary message = binary(2048, 2100);

        isError(target.infer("mlp", message.body(), message.headers()), 400);
    }

    @AgainstEveryTarget
    void anInferenceHeaderContentLengthPastTheBodyIsA400(Target target) {
        Wire.Binary message = binary(2048, 2048);

        isError(target.infer("mlp", message.body(), Wire.Binary.headers(Integer.toString(message.body().length + 1))), 400);
    }

    @AgainstEveryTarget
    void anInferenceHeaderContentLengthThatIsNotALengthIsA400(Target target) {
        Wire.Binary message = binary(2048, 2048);

        for (String value : new String[] {"abc", "-1", "1.5", ""}) {
            isError(target.infer("mlp", message.body(), Wire.Binary.headers(value)), 400);
        }
    }

    @AgainstEveryTarget
    void anInferenceHeaderContentLengthThatCutsTheJsonIsA400(Target target) {
        Wire.Binary message = binary(2048, 2048);

        isError(target.infer("mlp", message.body(), Wire.Binary.headers(Integer.toString(message.jsonLength() - 5))), 400);
    }

    @AgainstEveryTarget
    void binaryDataWithoutTheHeaderIsA400(Target target) {
        Wire.Binary message = binary(2048, 2048);

        isError(target.infer("mlp", message.body(), Map.of("Content-Type", "application/octet-stream")), 400);
        isError(target.infer("mlp", Arrays.copyOf(message.body(), message.jsonLength()), Wire.JSON_HEADERS), 400);
    }
}
