package dev.shunt.backend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.TensorData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own TorchScript file: models/tiny was made by models/tiny/make_tiny.py with Debian's PyTorch. */
class TorchScriptModelsTest {

    static final Path TINY = Path.of("..", "models", "tiny", "tiny.pt");

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
