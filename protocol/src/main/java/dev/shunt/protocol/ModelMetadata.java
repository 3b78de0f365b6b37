package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Model metadata ({@code GET /v2/models/{m}}).
 *
 * @param name model name
 * @param versions versions served (may be empty)
 * @param platform e.g. {@code pytorch_torchscript}
 * @param inputs the inputs a request must carry
 * @param outputs the outputs a response carries
 * @param parameters extra facts, e.g. the device ({@code cpu()}, {@code gpu(0)}); an extension
 */
public record ModelMetadata(
        String name,
        List<String> versions,
        String platform,
        List<TensorMetadata> inputs,
        List<TensorMetadata> outputs,
        Map<String, Object> parameters) {

    public ModelMetadata {
        requireNonNull(name, "name");
        versions = versions == null ? List.of() : List.copyOf(versions);
        requireNonNull(platform, "platform");
        inputs = List.copyOf(requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs"));
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
