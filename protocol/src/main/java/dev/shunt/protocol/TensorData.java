package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor's elements, flat in row-major order. One variant per storage kind: FP16 and FP32 are
 * held as {@code float}, FP64 as {@code double}, every integer type as {@code long} (UINT64 values
 * above {@link Long#MAX_VALUE} are refused), BOOL as {@code boolean}, BYTES as byte strings.
 */
public sealed interface TensorData {

    /** Number of elements. */
    int size();

    /** FP16 or FP32 elements. */
    record Floats(float[] values) implements TensorData {
        public Floats {
            requireNonNull(values, "values");
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Floats f && Arrays.equals(values, f.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Floats[" + values.length + "]";
        }
    }

    /** FP64 elements. */
    record Doubles(double[] values) implements TensorData {
        public Doubles {
            requireNonNull(values, "values");
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Doubles d && Arrays.equals(values, d.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Doubles[" + values.length + "]";
        }
    }

    /** Elements of any integer type, range-checked against it when decoded. */
    record Longs(long[] values) implements TensorData {
        public Longs {
            requireNonNull(values, "values");
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Longs l && Arrays.equals(values, l.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Longs[" + values.length + "]";
        }
    }

    /** BOOL elements. */
    record Bools(boolean[] values) implements TensorData {
        public Bools {
            requireNonNull(values, "values");
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bools b && Arrays.equals(values, b.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Bools[" + values.length + "]";
        }
    }

    /**
     * BYTES elements, each an arbitrary byte string: in JSON they travel as strings (UTF-8), in the
     * binary extension as 4-byte little-endian lengths followed by the bytes. The arrays are not
     * copied: do not change them after handing them over.
     */
    record Bytes(List<byte[]> values) implements TensorData {
        public Bytes {
            values = List.copyOf(requireNonNull(values, "values"));
        }

        /** Elements from text, each encoded as UTF-8. */
        public static Bytes ofStrings(List<String> strings) {
            List<byte[]> out = new java.util.ArrayList<>(strings.size());
            for (String s : strings) {
                out.add(s.getBytes(StandardCharsets.UTF_8));
            }
            return new Bytes(out);
        }

        /** The elements read as UTF-8 text (invalid sequences become U+FFFD). */
        public List<String> strings() {
            List<String> out = new java.util.ArrayList<>(values.size());
            for (byte[] v : values) {
                out.add(new String(v, StandardCharsets.UTF_8));
            }
            return out;
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Bytes b) || b.values.size() != values.size()) {
                return false;
            }
            for (int i = 0; i < values.size(); i++) {
                if (!Arrays.equals(values.get(i), b.values.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (byte[] v : values) {
                h = 31 * h + Arrays.hashCode(v);
            }
            return h;
        }

        @Override
        public String toString() {
            return "Bytes[" + values.size() + "]";
        }
    }
}
