package dev.shunt.backend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.TensorData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own TorchScript file: models/tiny was made by models/tiny/make_tiny.py with Debian's PyTorch,
 * models/ids by models/ids/make_ids.py with the standard library alone.
 */
class TorchScriptModelsTest {

    static final Path TINY = Path.of("..", "models", "tiny", "tiny.pt");
    /** Made by models/ids/make_ids.py: UINT32 and UINT64 in, UINT64 (int64 in PyTorch) and PyTorch's uint32 out. */
    static final Path IDS = Path.of("..", "models", "ids", "ids.pt");

    @Test
    void answersWhatPyTorchItselfAnswered() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(TINY.resolveSibling("tiny-expected.json").toFile());
        float[] input = new float[expected.get("input").size()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) expected.get("input").get(i).asDouble();
        }
        try (ServedModel model = TorchScriptModels.load(TINY, TorchScriptModels.defaultMetadataFile(TINY), Device.cpu());
                ModelInstance instance = model.newInstance()) {
            assertThat(model.name()).isEqualTo("tiny");
            assertThat(model.metadata().parameters()).containsEntry("device", "cpu()");
            List<InferOutput> outputs = instance.predict(
                    List.of(InferInput.of("x", new long[] {2, 4}, Datatype.FP32, new TensorData.Floats(input))));
            assertThat(outputs).hasSize(1);
            assertThat(outputs.get(0).name()).isEqualTo("y");
            assertThat(outputs.get(0).shape()).containsExactly(2, 3);
            float[] y = ((TensorData.Floats) outputs.get(0).data()).values();
            for (int i = 0; i < y.length; i++) {
                assertThat(y[i]).isCloseTo((float) expected.get("output").get(i).asDouble(), within(1e-5f));
            }
        }
    }

    @Test
    void unsignedInputsReachPyTorchAsInt64AndOutputsComeBackInTheDeclaredDatatype() {
        try (ServedModel model = TorchScriptModels.load(IDS, TorchScriptModels.defaultMetadataFile(IDS), Device.cpu());
                ModelInstance instance = model.newInstance()) {
            List<InferOutput> outputs = instance.predict(List.of(
                    InferInput.of("ids", new long[] {1, 3}, Datatype.UINT32, new TensorData.Longs(new long[] {0, 7, 0xFFFF_FFFFL})),
                    InferInput.of("offsets", new long[] {1, 3}, Datatype.UINT64,
                            new TensorData.Longs(new long[] {Long.MAX_VALUE, 1, 1L << 40}))));

            assertThat(outputs.get(0)).isEqualTo(InferOutput.of("total", new long[] {1, 3}, Datatype.UINT64,
                    new TensorData.Longs(new long[] {Long.MAX_VALUE, 8, (1L << 40) + 0xFFFF_FFFFL})));
            assertThat(outputs.get(1)).as("PyTorch's own uint32, which DJL cannot name, read back as UINT32")
                    .isEqualTo(InferOutput.of("ids_u32", new long[] {1, 3}, Datatype.UINT32,
                            new TensorData.Longs(new long[] {0, 7, 0xFFFF_FFFFL})));
        }
    }

    @Test
    void anOutputValueOutsideItsDeclaredDatatypeFailsTheCallNamingIt() {
        try (ServedModel model = TorchScriptModels.load(IDS, TorchScriptModels.defaultMetadataFile(IDS), Device.cpu());
                ModelInstance instance = model.newInstance()) {
            List<InferInput> overflowing = List.of(
                    InferInput.of("ids", new long[] {1, 3}, Datatype.UINT32, new TensorData.Longs(new long[] {1, 0, 0})),
                    InferInput.of("offsets", new long[] {1, 3}, Datatype.UINT64,
                            new TensorData.Longs(new long[] {Long.MAX_VALUE, 0, 0})));

            assertThatThrownBy(() -> instance.predict(overflowing))
                    .isInstanceOf(ModelExecutionException.class)
                    .hasMessage("model failed: output total[0]: -9223372036854775808 is out of range for UINT64"
                            + " (expected: 0 to 9223372036854775807)");
        }
    }

    @Test
    void metadataWithABytesInputIsRefused(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(TINY, dir.resolve("text.pt"));
        Files.writeString(dir.resolve("text.json"), "{\"name\":\"text\",\"platform\":\"pytorch_torchscript\","
                + "\"inputs\":[{\"name\":\"x\",\"datatype\":\"BYTES\",\"shape\":[-1]}],"
                + "\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[-1,3]}]}");

        assertThatThrownBy(() -> TorchScriptModels.load(copy, dir.resolve("text.json"), Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model metadata file " + dir.resolve("text.json") + ": input x is BYTES, which a PyTorch"
                        + " model cannot take (expected: a numeric or BOOL datatype)");
    }

    @Test
    void missingMetadataFileIsExplained(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(TINY, dir.resolve("model.pt"));
        assertThatThrownBy(() -> TorchScriptModels.load(copy, TorchScriptModels.defaultMetadataFile(copy), Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model.json")
                .hasMessageContaining("could not be read");
    }

    @Test
    void fileThatIsNotTorchScriptIsRefused(@TempDir Path dir) throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.pt"), "not a model");
        Files.copy(TINY.resolveSibling("tiny.json"), dir.resolve("bogus.json"));
        assertThatThrownBy(() -> TorchScriptModels.load(bogus, dir.resolve("bogus.json"), Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("could not be loaded as TorchScript");
    }

    @Test
    void missingModelFileIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> TorchScriptModels.load(dir.resolve("none.pt"), dir.resolve("none.json"), Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }
}
