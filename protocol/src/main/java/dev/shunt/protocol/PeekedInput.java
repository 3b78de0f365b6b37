package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One input as {@link RequestPeek} saw it, without its data.
 *
 * @param name the input's name
 * @param datatype its datatype's wire name, e.g. {@code FP32}; always one {@link Datatype#parse} knows
 * @param shape its dimensions (not copied: do not modify)
 */
public record PeekedInput(String name, String datatype, long[] shape) {

    public PeekedInput {
        requireNonNull(name, "name");
        requireNonNull(datatype, "datatype");
        requireNonNull(shape, "shape");
    }

    /** The number of elements the shape holds. */
    public long elementCount() {
        return Shapes.elementCount(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeekedInput p && name.equals(p.name) && datatype.equals(p.datatype)
                && Arrays.equals(shape, p.shape);
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
