package dev.shunt.backend.gpu;

import dev.shunt.protocol.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Appends and slices flat tensor data of every {@link TensorData} variant. */
final class TensorConcat {

    private TensorConcat() {}

    /** The parts one after another; all parts must be of the same variant. */
    static TensorData concat(List<TensorData> parts) {
        TensorData first = parts.get(0);
        int total = 0;
        for (TensorData part : parts) {
            if (part.getClass() != first.getClass()) {
                throw new IllegalArgumentException("cannot concatenate " + first.getClass().getSimpleName()
                        + " with " + part.getClass().getSimpleName());
            }
            total = Math.addExact(total, part.size());
        }
        int at = 0;
        if (first instanceof TensorData.Floats) {
            float[] out = new float[total];
            for (TensorData part : parts) {
                float[] values = ((TensorData.Floats) part).values();
                System.arraycopy(values, 0, out, at, values.length);
                at += values.length;
            }
            return new TensorData.Floats(out);
        }
        if (first instanceof TensorData.Doubles) {
            double[] out = new double[total];
            for (TensorData part : parts) {
                double[] values = ((TensorData.Doubles) part).values();
                System.arraycopy(values, 0, out, at, values.length);
                at += values.length;
            }
            return new TensorData.Doubles(out);
        }
        if (first instanceof TensorData.Longs) {
            long[] out = new long[total];
            for (TensorData part : parts) {
                long[] values = ((TensorData.Longs) part).values();
                System.arraycopy(values, 0, out, at, values.length);
                at += values.length;
            }
            return new TensorData.Longs(out);
        }
        if (first instanceof TensorData.Bools) {
            boolean[] out = new boolean[total];
            for (TensorData part : parts) {
                boolean[] values = ((TensorData.Bools) part).values();
                System.arraycopy(values, 0, out, at, values.length);
                at += values.length;
            }
            return new TensorData.Bools(out);
        }
        List<byte[]> out = new ArrayList<>(total);
        for (TensorData part : parts) {
            out.addAll(((TensorData.Bytes) part).values());
        }
        return new TensorData.Bytes(out);
    }

    /** Elements {@code from} (inclusive) to {@code to} (exclusive). */
    static TensorData slice(TensorData data, int from, int to) {
        if (data instanceof TensorData.Floats f) {
            return new TensorData.Floats(Arrays.copyOfRange(f.values(), from, to));
        }
        if (data instanceof TensorData.Doubles d) {
            return new TensorData.Doubles(Arrays.copyOfRange(d.values(), from, to));
        }
        if (data instanceof TensorData.Longs l) {
            return new TensorData.Longs(Arrays.copyOfRange(l.values(), from, to));
        }
        if (data instanceof TensorData.Bools b) {
            return new TensorData.Bools(Arrays.copyOfRange(b.values(), from, to));
        }
        return new TensorData.Bytes(((TensorData.Bytes) data).values().subList(from, to));
    }
}
