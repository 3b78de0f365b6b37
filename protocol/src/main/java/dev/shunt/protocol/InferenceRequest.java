package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * An Open Inference Protocol inference request ({@code POST /v2/models/{m}/infer}).
 *
 * @param id optional client id, echoed in the response; null when absent
 * @param parameters optional request parameters, e.g. {@code timeout} (empty when absent)
 * @param inputs at least one input tensor
 * @param outputs the outputs asked for; empty means all
 */
public record InferenceRequest(String id, Map<String, Object> parameters, List<InferInput> inputs, List<RequestedOutput> outputs) {

    public InferenceRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        inputs = List.copyOf(requireNonNull(inputs, "inputs"));
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }
}
