package dev.shunt.backend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.shunt.backend.error.ModelNotFoundException;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.TensorData;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddedModelsTest {

    static InferInput randomRows(String name, int rows, int rowSize, long seed, long... tail) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * rowSize];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        long[] shape = new long[tail.length + 1];
        shape[0] = rows;
        System.arraycopy(tail, 0, shape, 1, tail.length);
        return InferInput.of(name, shape, Datatype.FP32, new TensorData.Floats(values));
    }

    static float[] predict(ServedModel model, InferInput input) {
        try (ModelInstance instance = model.newInstance()) {
            List<InferOutput> outputs = instance.predict(List.of(input));
            assertThat(outputs).hasSize(1);
            return ((TensorData.Floats) outputs.get(0).data()).values();
        }
    }

    static int[] top1(float[] logits, int classes) {
        int[] top = new int[logits.length / classes];
        for (int r = 0; r < top.length; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[r * classes + c] > logits[r * classes + best]) {
                    best = c;
                }
            }
            top[r] = best;
        }
        return top;
    }

    @Test
    void mlpBuiltTwiceFromTheSeedGivesIdenticalAnswers() {
        InferInput input = randomRows("input", 8, 512, 1, 512);
        try (ServedModel first = EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu());
                ServedModel second = EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu())) {
            float[] a = predict(first, input);
            float[] b = predict(second, input);
            assertThat(a).hasSize(8 * 10).containsExactly(b);
            assertThat(first.metadata().inputs().get(0).shape()).containsExactly(-1, 512);
            assertThat(first.metadata().outputs().get(0).shape()).containsExactly(-1, 10);
        }
    }

    @Test
    void candidateAgreesOnMostButNotAllTopOneAnswers() {
        int rows = 500;
        InferInput input = randomRows("input", rows, 512, 7, 512);
        try (ServedModel production = EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu());
                ServedModel candidate = EmbeddedModels.load("mlp", ModelVariant.CANDIDATE, Device.cpu())) {
            int[] p = top1(predict(production, input), 10);
            int[] c = top1(predict(candidate, input), 10);
            int agree = 0;
            for (int i = 0; i < rows; i++) {
                agree += p[i] == c[i] ? 1 : 0;
            }
            System.out.println("candidate top-1 agreement: " + agree + "/" + rows);
            assertThat(agree).isBetween(rows * 70 / 100, rows * 98 / 100);
        }
    }

    @Test
    void convnetClassifiesImagesIntoTenFiniteScores() {
        InferInput input = randomRows("input", 2, 3 * 64 * 64, 3, 3, 64, 64);
        try (ServedModel model = EmbeddedModels.load("convnet", ModelVariant.PRODUCTION, Device.cpu())) {
            float[] out = predict(model, input);
            assertThat(out).hasSize(20);
            for (float v : out) {
                assertThat(Float.isFinite(v)).isTrue();
            }
            // rows are independent: the first row alone gives the same scores
            InferInput first = InferInput.of("input", new long[] {1, 3, 64, 64}, Datatype.FP32,
                    new TensorData.Floats(java.util.Arrays.copyOf(((TensorData.Floats) input.data()).values(), 3 * 64 * 64)));
            float[] alone = predict(model, first);
            for (int i = 0; i < 10; i++) {
                assertThat(alone[i]).isCloseTo(out[i], org.assertj.core.data.Offset.offset(1e-3f * Math.max(1, Math.abs(out[i]))));
            }
        }
    }

    @Test
    void unknownEmbeddedModelIsRefusedByName() {
        assertThatThrownBy(() -> EmbeddedModels.load("bert", ModelVariant.PRODUCTION, Device.cpu()))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("\"bert\"")
                .hasMessageContaining("convnet, mlp");
    }
}
