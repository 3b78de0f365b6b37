package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;

/**
 * One output tensor of an inference response.
 *
 * @param name the model output
 * @param shape concrete dimensions
 * @param datatype element type
 * @param parameters optional per-tensor parameters (empty when absent)
 * @param data the elements, flat row-major
 */
public record InferOutput(String name, long[] shape, Datatype datatype, Map<String, Object> parameters, TensorData data) {

    public InferOutput {
        requireNonNull(name, "name");
        requireNonNull(shape, "shape");
        requireNonNull(datatype, "datatype");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        requireNonNull(data, "data");
    }

    /** An output with no parameters. */
    public static InferOutput of(String name, long[] shape, Datatype datatype, TensorData data) {
        return new InferOutput(name, shape, datatype, Map.of(), data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InferOutput i && name.equals(i.name) && Arrays.equals(shape, i.shape)
                && datatype == i.datatype && parameters.equals(i.parameters) && data.equals(i.data);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "InferOutput[" + name + " " + datatype + Shapes.format(shape) + "]";
    }
}
