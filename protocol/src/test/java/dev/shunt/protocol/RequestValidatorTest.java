package dev.shunt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator();

    private final ModelMetadata mlp = new ModelMetadata("mlp", List.of("1"), "pytorch_torchscript",
            List.of(new TensorMetadata("input", Datatype.FP32, new long[] {-1, 512})),
            List.of(new TensorMetadata("output", Datatype.FP32, new long[] {-1, 10})), Map.of());

    private final ModelMetadata twoInputs = new ModelMetadata("pair", List.of(), "p",
            List.of(new TensorMetadata("a", Datatype.INT64, new long[] {-1, 2}),
                    new TensorMetadata("b", Datatype.INT64, new long[] {-1})),
            List.of(new TensorMetadata("out", Datatype.FP32, new long[] {-1})), Map.of());

    @Test
    void acceptsAFittingRequest() {
        InferenceRequest r = request(fp32("input", 3, 512));
        assertThatCode(() -> validator.validate(r, mlp)).doesNotThrowAnyException();
        assertThat(validator.batchSize(r)).isEqualTo(3);
    }

    @Test
    void acceptsRequestedOutputsThatExist() {
        InferenceRequest r = new InferenceRequest(null, null, List.of(fp32("input", 1, 512)),
                List.of(new RequestedOutput("output", null)));
        assertThatCode(() -> validator.validate(r, mlp)).doesNotThrowAnyException();
    }

    @Test
    void missingInput() {
        InferenceRequest r = request(longs("a", new long[] {1, 2}, 0, 0));
        assertThatThrownBy(() -> validator.validate(r, twoInputs))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("inputs: missing \"b\" (model pair expects b INT64[-1])");
    }

    @Test
    void missingInputOfMlp() {
        InferenceRequest r = new InferenceRequest(null, null, List.of(), null);
        assertThatThrownBy(() -> validator.validate(r, mlp))
                .hasMessage("inputs: missing \"input\" (model mlp expects input FP32[-1,512])");
    }

    @Test
    void unknownInput() {
        InferenceRequest r = request(fp32("input", 1, 512), fp32("foo", 1, 512));
        assertThatThrownBy(() -> validator.validate(r, mlp))
                .hasMessage("inputs[1].name: \"foo\" is not an input of model mlp (expected: input)");
    }

    @Test
    void unknownInputListsEveryExpectedName() {
        InferenceRequest r = request(longs("c", new long[] {1}, 0));
        assertThatThrownBy(() -> validator.validate(r, twoInputs))
                .hasMessage("inputs[0].name: \"c\" is not an input of model pair (expected: a, b)");
    }

    @Test
    void duplicateInput() {
        InferenceRequest r = request(fp32("input", 1, 512), fp32("input", 1, 512));
        assertThatThrownBy(() -> validator.validate(r, mlp))
                .hasMessage("inputs[1].name: duplicate input \"input\"");
    }

    @Test
    void wrongDatatype() {
        InferenceRequest r = request(InferInput.of("input", new long[] {1, 512}, Datatype.FP64,
                new TensorData.Doubles(new double[512])));
        assertThatThrownBy(() -> validator.validate(r, mlp))
                .hasMessage("inputs[0].datatype: FP64 (expected: FP32, the datatype of input \"input\")");
    }

    @Test
    void wrongFixedDimension() {
        InferenceRequest r = request(fp32("input", 1, 511));
        assertThatThrownBy(() -> validator.validate(r, mlp))
                .hasMessage("inputs[0].shape: [1,511] does not fit [-1,512]");
    }

    @Test
    void wrongRank() {
        InferenceRequest r = request(InferInput.of("input", new long[] {512}, Datatype.FP32, new TensorData.Floats(new float[512])));
        assertThatThrownBy(() -> validator.validate(r, mlp))
                .hasMessage("inputs[0].shape: [512] does not fit [-1,512]");
    }

    @Test
    void zeroBatch() {
        InferenceRequest r = request(InferInput.of("input", new long[] {0, 512}, Datatype.FP32, new TensorData.Floats(new float[0])));
        assertThatThrownBy(() -> validator.validate(r, mlp))
                .hasMessage("inputs[0].shape: batch dimension 0 in [0,512] (expected: >= 1)");
    }

    @Test
    void inputsDisagreeOnTheBatch() {
        InferenceRequest r = request(longs("a", new long[] {2, 2}, 1, 2, 3, 4), longs("b", new long[] {3}, 1, 2, 3));
        assertThatThrownBy(() -> validator.validate(r, twoInputs))
                .hasMessage("inputs[1].shape: batch dimension 3 in [3] differs from 2 in inputs[0]");
    }

    @Test
    void inputsAgreeOnTheBatch() {
        InferenceRequest r = request(longs("b", new long[] {2}, 1, 2), longs("a", new long[] {2, 2}, 1, 2, 3, 4));
        assertThatCode(() -> validator.validate(r, twoInputs)).doesNotThrowAnyException();
        assertThat(validator.batchSize(r)).isEqualTo(2);
    }

    @Test
    void unknownOutput() {
        InferenceRequest r = new InferenceRequest(null, null, List.of(fp32("input", 1, 512)),
                List.of(new RequestedOutput("output", null), new RequestedOutput("logits", null)));
        assertThatThrownBy(() -> validator.validate(r, mlp))
                .hasMessage("outputs[1].name: \"logits\" is not an output of model mlp (expected: output)");
    }

    @Test
    void dataBuiltInCodeMustMatchTheShapeAndType() {
        InferenceRequest shortData = request(InferInput.of("input", new long[] {1, 512}, Datatype.FP32,
                new TensorData.Floats(new float[511])));
        InferenceRequest wrongKind = request(InferInput.of("input", new long[] {1, 512}, Datatype.FP32,
                new TensorData.Doubles(new double[512])));

        assertThatThrownBy(() -> validator.validate(shortData, mlp))
                .hasMessage("inputs[0].data: 511 values, shape [1,512] needs 512");
        assertThatThrownBy(() -> validator.validate(wrongKind, mlp))
                .hasMessage("inputs[0].data: Doubles cannot hold FP32");
    }

    @Test
    void fixedBatchModelsNeedNoAgreement() {
        ModelMetadata fixed = new ModelMetadata("fixed", null, "p",
                List.of(new TensorMetadata("s", Datatype.BOOL, new long[] {})), List.of(), null);
        InferenceRequest r = request(InferInput.of("s", new long[] {}, Datatype.BOOL, new TensorData.Bools(new boolean[] {true})));

        assertThatCode(() -> validator.validate(r, fixed)).doesNotThrowAnyException();
        assertThat(validator.batchSize(r)).isEqualTo(1);
    }

    @Test
    void batchSizeOfNothingIsZeroAndOfHugeIsRefused() {
        assertThat(validator.batchSize(new InferenceRequest(null, null, List.of(), null))).isZero();
        InferenceRequest huge = request(InferInput.of("x", new long[] {3_000_000_000L, 0}, Datatype.FP32,
                new TensorData.Floats(new float[0])));
        assertThatThrownBy(() -> validator.batchSize(huge))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("inputs[0].shape: batch dimension 3000000000 is out of range");
    }

    private static InferenceRequest request(InferInput... inputs) {
        return new InferenceRequest(null, null, List.of(inputs), null);
    }

    private static InferInput fp32(String name, int rows, int cols) {
        return InferInput.of(name, new long[] {rows, cols}, Datatype.FP32, new TensorData.Floats(new float[rows * cols]));
    }

    private static InferInput longs(String name, long[] shape, long... values) {
        return InferInput.of(name, shape, Datatype.INT64, new TensorData.Longs(values));
    }
}
