package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/**
 * A tensor's elements, flat in row-major order. One variant per storage kind: FP16 and FP32 are
 * held as {@code float}, FP64 as {@code double}, every integer type as {@code long} (UINT64 values
 * above {@link Long#MAX_VALUE} are refused), BOOL as {@code boolean}, BYTES as strings.
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

    /** BYTES elements, as the JSON strings that carried them. */
    record Strings(List<String> values) implements TensorData {
        public Strings {
            values = List.copyOf(requireNonNull(values, "values"));
        }

        @Override
        public int size() {
            return values.size();
        }
    }
}
