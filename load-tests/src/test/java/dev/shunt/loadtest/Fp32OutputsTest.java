package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Fp32OutputsTest {

    private static final String JSON_ANSWER = "{\"model_name\":\"convnet\",\"outputs\":[{\"name\":\"output\","
            + "\"datatype\":\"FP32\",\"shape\":[1,3],\"data\":[-4.589617,0.5,3.6544657]}]}";

    private static byte[] binaryAnswer(float... values) {
        byte[] header = ("{\"outputs\":[{\"name\":\"output\",\"datatype\":\"FP32\",\"shape\":[1," + values.length
                + "],\"parameters\":{\"binary_data_size\":" + values.length * 4 + "}}]}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(header.length + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.put(header).asFloatBuffer().put(values);
        return body.array();
    }

    private static int headerLength(byte[] answer, int values) {
        return answer.length - values * 4;
    }

    @Test
    void jsonAndBinaryAnswersDecodeToTheSameValues() throws Exception {
        byte[] binary = binaryAnswer(-4.589617f, 0.5f, 3.6544657f);

        Map<String, float[]> fromJson = Fp32Outputs.decode(JSON_ANSWER.getBytes(StandardCharsets.UTF_8), -1);
        Map<String, float[]> fromBinary = Fp32Outputs.decode(binary, headerLength(binary, 3));

        assertThat(fromJson.get("output")).containsExactly(-4.589617f, 0.5f, 3.6544657f);
        assertThat(fromBinary.get("output")).containsExactly(fromJson.get("output"));
        assertThat(Fp32Outputs.maxRelativeDifference(fromJson, fromBinary)).isZero();
    }

    @Test
    void differencesAreRelativeToTheLargerOfOneAndTheValue() {
        assertThat(Fp32Outputs.maxRelativeDifference(Map.of("o", new float[] {100f, 0.25f}),
                Map.of("o", new float[] {100.5f, 0.25f}))).isEqualTo(0.005);
        assertThat(Fp32Outputs.maxRelativeDifference(Map.of("o", new float[] {0.5f}), Map.of("o", new float[] {0.25f})))
                .isEqualTo(0.25);
        assertThat(Fp32Outputs.maxRelativeDifference(Map.of("o", new float[] {1f}), Map.of("p", new float[] {1f})))
                .isInfinite();
        assertThat(Fp32Outputs.maxRelativeDifference(Map.of("o", new float[] {1f}), Map.of("o", new float[] {1f, 2f})))
                .isInfinite();
        assertThat(Fp32Outputs.maxRelativeDifference(Map.of("o", new float[] {1f}), Map.of("o", new float[] {Float.NaN})))
                .isInfinite();
    }

    @Test
    void binarySizesThatDoNotAddUpAreRefused() {
        byte[] binary = binaryAnswer(1f, 2f);
        byte[] truncated = java.util.Arrays.copyOf(binary, binary.length - 1);
        byte[] longer = java.util.Arrays.copyOf(binary, binary.length + 4);

        assertThatThrownBy(() -> Fp32Outputs.decode(truncated, headerLength(binary, 2)))
                .isInstanceOf(IOException.class).hasMessage("output: binary_data_size 8 does not fit the 7 bytes left");
        assertThatThrownBy(() -> Fp32Outputs.decode(longer, headerLength(binary, 2)))
                .isInstanceOf(IOException.class).hasMessage("4 bytes after the last binary output");
        assertThatThrownBy(() -> Fp32Outputs.decode(JSON_ANSWER.replace("FP32", "INT64").getBytes(StandardCharsets.UTF_8), -1))
                .isInstanceOf(IOException.class).hasMessage("output: datatype \"INT64\" (expected: FP32)");
    }
}
