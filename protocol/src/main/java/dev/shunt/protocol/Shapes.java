package dev.shunt.protocol;

import java.util.Arrays;

/** Small helpers for tensor shapes ({@code long[]}, -1 meaning "any" in metadata). */
public final class Shapes {

    private Shapes() {}

    /** The number of elements a concrete shape holds; -1 if a dimension is negative or it overflows. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException overflow) {
                return -1;
            }
        }
        return n;
    }

    /** {@code [1,512]}: the form every error message uses. */
    public static String format(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }

    /** Whether a concrete shape fits a metadata shape, where -1 matches any size. */
    public static boolean matches(long[] metadataShape, long[] concrete) {
        if (metadataShape.length != concrete.length) {
            return false;
        }
        for (int i = 0; i < concrete.length; i++) {
            if (metadataShape[i] != -1 && metadataShape[i] != concrete[i]) {
                return false;
            }
        }
        return true;
    }

    /** A copy with the first dimension replaced. */
    public static long[] withBatch(long[] shape, long batch) {
        long[] copy = Arrays.copyOf(shape, shape.length);
        copy[0] = batch;
        return copy;
    }
}
