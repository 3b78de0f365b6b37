package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * An Open Inference Protocol inference response.
 *
 * @param modelName the model that answered
 * @param modelVersion its version, null when the server does not version
 * @param id the request's id, null when it had none
 * @param parameters optional response parameters (empty when absent)
 * @param outputs the output tensors
 */
public record InferenceResponse(String modelName, String modelVersion, String id, Map<String, Object> parameters, List<InferOutput> outputs) {

    public InferenceResponse {
        requireNonNull(modelName, "modelName");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        outputs = List.copyOf(requireNonNull(outputs, "outputs"));
    }
}
