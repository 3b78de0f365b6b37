package dev.shunt.gateway.shadow;

import dev.shunt.protocol.TensorData;

/** Reads numeric {@link TensorData} as {@code double}s, whatever its storage kind. */
final class TensorValues {

    private TensorValues() {}

    /** Whether the elements are numbers (every kind but BYTES strings); BOOL reads as 0 and 1. */
    static boolean isNumeric(TensorData data) {
        return !(data instanceof TensorData.Bytes);
    }

    /**
     * The elements as doubles (integers above 2^53 lose precision); FP64 data is returned as is,
     * not copied, so callers only read it.
     *
     * @throws IllegalArgumentException for BYTES (string) data
     */
    static double[] toDoubles(TensorData data) {
        if (data instanceof TensorData.Doubles d) {
            return d.values();
        }
        if (data instanceof TensorData.Floats f) {
            double[] out = new double[f.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = f.values()[i];
            }
            return out;
        }
        if (data instanceof TensorData.Longs l) {
            double[] out = new double[l.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = l.values()[i];
            }
            return out;
        }
        if (data instanceof TensorData.Bools b) {
            double[] out = new double[b.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.values()[i] ? 1 : 0;
            }
            return out;
        }
        throw new IllegalArgumentException("data: " + data + " (expected: numeric tensor data)");
    }
}
