package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;

/**
 * One input tensor of an inference request.
 *
 * @param name the model input it feeds
 * @param shape concrete dimensions; the first is the batch for batching models
 * @param datatype element type
 * @param parameters optional per-tensor parameters (empty when absent)
 * @param data the elements, flat row-major; their count equals the shape's element count
 */
public record InferInput(String name, long[] shape, Datatype datatype, Map<String, Object> parameters, TensorData data) {

    public InferInput {
        requireNonNull(name, "name");
        requireNonNull(shape, "shape");
        requireNonNull(datatype, "datatype");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        requireNonNull(data, "data");
    }

    /** An input with no parameters. */
    public static InferInput of(String name, long[] shape, Datatype datatype, TensorData data) {
        return new InferInput(name, shape, datatype, Map.of(), data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InferInput i && name.equals(i.name) && Arrays.equals(shape, i.shape)
                && datatype == i.datatype && parameters.equals(i.parameters) && data.equals(i.data);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "InferInput[" + name + " " + datatype + Shapes.format(shape) + "]";
    }
}
