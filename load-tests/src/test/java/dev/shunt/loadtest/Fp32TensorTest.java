package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Fp32TensorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonAndBinaryCarryTheSameFloats() throws Exception {
        Fp32Tensor tensor = Fp32Tensor.random("input", 7, 2, 3, 4, 4);

        JsonNode json = JSON.readTree(tensor.json().getBytes()).path("inputs").get(0);
        Fp32Tensor.BinaryBody binary = tensor.binary(true);
        byte[] body = binary.body().getBytes();
        JsonNode header = JSON.readTree(Arrays.copyOf(body, binary.jsonLength()));
        JsonNode input = header.path("inputs").get(0);

        float[] fromText = new float[json.path("data").size()];
        for (int i = 0; i < fromText.length; i++) {
            fromText[i] = Float.parseFloat(json.path("data").get(i).asText());
        }
        float[] fromBytes = new float[(body.length - binary.jsonLength()) / 4];
        ByteBuffer.wrap(body, binary.jsonLength(), body.length - binary.jsonLength()).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(fromBytes);
        assertThat(fromText).hasSize(96).containsExactly(fromBytes);
        assertThat(fromText).containsExactly(tensor.values());
        assertThat(json.path("shape").toString()).isEqualTo("[2,3,4,4]").isEqualTo(input.path("shape").toString());
        assertThat(input.path("datatype").asText()).isEqualTo("FP32");
        assertThat(input.path("parameters").path("binary_data_size").asInt()).isEqualTo(96 * 4);
        assertThat(input.has("data")).isFalse();
        assertThat(header.path("parameters").path("binary_data_output").asBoolean()).isTrue();
        assertThat(binary.headers()).containsEntry("Inference-Header-Content-Length", Integer.toString(binary.jsonLength()))
                .containsEntry("Content-Type", "application/octet-stream");
    }

    @Test
    void binaryOutputsAreAskedOnlyWhenWanted() throws Exception {
        Fp32Tensor.BinaryBody binary = Fp32Tensor.random("input", 1, 1, 4).binary(false);

        JsonNode header = JSON.readTree(Arrays.copyOf(binary.body().getBytes(), binary.jsonLength()));
        assertThat(header.has("parameters")).isFalse();
        assertThat(binary.body().length()).isEqualTo(binary.jsonLength() + 16);
    }

    @Test
    void jsonIsTheBodyEarlierRunsSent() {
        // RequestBodies.fp32 before the binary form existed: each draw written with five places
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder before = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[2,512],\"data\":[");
        for (int i = 0; i < 1024; i++) {
            before.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5f", random.nextDouble() * 2 - 1));
        }
        before.append("]}]}");

        assertThat(RequestBodies.forModel("mlp", 2, 3).toString(StandardCharsets.UTF_8)).isEqualTo(before.toString());
    }

    @Test
    void valuesMustFitTheShape() {
        assertThatThrownBy(() -> new Fp32Tensor("input", new long[] {2, 2}, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("values: 3 (expected: 4 for the shape)");
    }
}
