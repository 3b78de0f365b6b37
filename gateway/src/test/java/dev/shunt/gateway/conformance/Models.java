package dev.shunt.gateway.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * The two models every target serves, as a client knows them from their metadata: {@code mlp} (input
 * {@code input} FP32 [-1,512], output {@code output} FP32 [-1,10]) and {@code ids} (inputs {@code ids}
 * UINT32 [-1,3] and {@code offsets} UINT64 [-1,3]; outputs {@code total = ids + offsets} UINT64 and
 * {@code ids_u32 = ids} UINT32, both [-1,3]).
 */
final class Models {

    static final long[] ROW_3 = {2, 3};
    /** Two rows of ids, the largest UINT32 among them. */
    static final BigInteger[] IDS = ints("0", "7", "4294967295", "1", "2", "3");
    /**
     * Offsets past UINT32's range, so that one total is 2^63-1: the largest UINT64 these servers carry,
     * as the PyTorch engine holds UINT64 in int64 (README, "Models"; larger values are
     * refused, see {@link DatatypesConformanceTest}).
     */
    static final BigInteger[] OFFSETS = ints("1099511627776", "1", "9223372032559808512", "10", "20", "30");
    static final BigInteger[] TOTAL = Tensors.add(IDS, OFFSETS);

    private Models() {}

    /** {@code rows * 512} values exactly representable as FP32 and short in decimal. */
    static float[] mlpValues(int rows) {
        float[] values = new float[rows * 512];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((i * 7) % 17 - 8) / 8f;
        }
        return values;
    }

    /** The mlp input in JSON, flat. */
    static ObjectNode mlpInput(int rows) {
        return Wire.input("input", "FP32", new long[] {rows, 512}, Tensors.json(mlpValues(rows)));
    }

    static ObjectNode idsInput() {
        return Wire.input("ids", "UINT32", ROW_3, Tensors.json(IDS));
    }

    static ObjectNode idsBinaryInput() {
        return Wire.binaryInput("ids", "UINT32", ROW_3, IDS.length * 4);
    }

    static ObjectNode offsetsInput() {
        return Wire.input("offsets", "UINT64", ROW_3, Tensors.json(OFFSETS));
    }

    static ObjectNode offsetsBinaryInput() {
        return Wire.binaryInput("offsets", "UINT64", ROW_3, OFFSETS.length * 8);
    }

    private static BigInteger[] ints(String... values) {
        BigInteger[] ints = new BigInteger[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = new BigInteger(values[i]);
        }
        return ints;
    }
}
