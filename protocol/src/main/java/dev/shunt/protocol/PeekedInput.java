package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One input as {@link RequestPeek} saw it, without its data.
 *
 * @param name the input's name
 * @param datatype its datatype's wire name, e.g. {@code FP32}; always one {@link Datatype#parse} knows
 * @param shape its dimensions (not copied: do not modify)
 * @param binarySize its {@code binary_data_size} when its data is in the binary part; -1 when JSON
 */
public record PeekedInput(String name, String datatype, long[] shape, long binarySize) {

    public PeekedInput {
        requireNonNull(name, "name");
        requireNonNull(datatype, "datatype");
        requireNonNull(shape, "shape");
    }

    /** An input whose data is JSON. */
    public PeekedInput(String name, String datatype, long[] shape) {
        this(name, datatype, shape, -1);
    }

    /** The number of elements the shape holds. */
    public long elementCount() {
        return Shapes.elementCount(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeekedInput p && name.equals(p.name) && datatype.equals(p.datatype)
                && Arrays.equals(shape, p.shape) && binarySize == p.binarySize;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ' ' + datatype + Shapes.format(shape);
    }
}
