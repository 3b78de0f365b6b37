package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A model input or output as metadata describes it.
 *
 * @param name tensor name
 * @param datatype element type
 * @param shape dimensions, -1 for a variable one (the batch dimension)
 */
public record TensorMetadata(String name, Datatype datatype, long[] shape) {

    public TensorMetadata {
        requireNonNull(name, "name");
        requireNonNull(datatype, "datatype");
        shape = requireNonNull(shape, "shape").clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorMetadata t && name.equals(t.name) && datatype == t.datatype && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + datatype + Shapes.format(shape);
    }
}
