package dev.shunt.backend.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.TensorData;
import dev.shunt.protocol.TensorMetadata;

/**
 * Reads a model's output array as a v2 tensor named after the model's metadata.
 *
 * <p>Integer outputs take the integer datatype the metadata declares (so a model computing in int64
 * can answer UINT32), every value checked to fit it; otherwise the array's own type. DJL 0.35.1's
 * PyTorch engine cannot name PyTorch's int16, uint16, uint32 and uint64 (they read as
 * {@link DataType#UNKNOWN}); such an array is read through int64 when the metadata declares one of
 * those datatypes, and refused otherwise.
 */
final class OutputTensors {

    private OutputTensors() {}

    /**
     * The output {@code expected} from the model's array.
     *
     * @throws IllegalStateException when the array's type cannot be read or a value does not fit
     */
    static InferOutput toOutput(TensorMetadata expected, NDArray array) {
        String name = expected.name();
        long[] shape = array.getShape().getShape();
        DataType type = array.getDataType();
        return switch (type) {
            case FLOAT32, FLOAT16 -> InferOutput.of(name, shape, expected.datatype() == Datatype.FP16
                    ? Datatype.FP16 : Datatype.FP32, new TensorData.Floats(array.toType(DataType.FLOAT32, false).toFloatArray()));
            case FLOAT64 -> InferOutput.of(name, shape, Datatype.FP64, new TensorData.Doubles(array.toDoubleArray()));
            case BOOLEAN -> InferOutput.of(name, shape, Datatype.BOOL, new TensorData.Bools(array.toBooleanArray()));
            case INT64, INT32, INT16, INT8, UINT8, UINT16, UINT32, UINT64 -> integers(expected, array, natural(type), false);
            case UNKNOWN -> {
                if (!unnamedByDjl(expected.datatype())) {
                    throw new IllegalStateException("output " + name + " has a type DJL's PyTorch engine cannot name;"
                            + " if it is int16, uint16, uint32 or uint64, declare that datatype for it in the model's"
                            + " metadata (declared: " + expected.datatype() + ")");
                }
                yield integers(expected, array, expected.datatype(), true);
            }
            default -> throw new IllegalStateException("output " + name + " has unsupported type " + type);
        };
    }

    private static InferOutput integers(TensorMetadata expected, NDArray array, Datatype natural, boolean fromUnknown) {
        Datatype datatype = expected.datatype().isInteger() ? expected.datatype() : natural;
        long[] values = array.getDataType() == DataType.INT64 ? array.toLongArray()
                : array.toType(DataType.INT64, false).toLongArray();
        long min = datatype.minValue();
        long max = datatype.maxValue();
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            if (v < min || v > max) {
                // a PyTorch uint64 above Long.MAX_VALUE comes back from the int64 conversion negative
                String shown = fromUnknown && datatype == Datatype.UINT64 ? Long.toUnsignedString(v) : Long.toString(v);
                throw new IllegalStateException("output " + expected.name() + "[" + i + "]: " + shown
                        + " is out of range for " + datatype + " (expected: " + min + " to " + max + ")");
            }
        }
        return InferOutput.of(expected.name(), array.getShape().getShape(), datatype, new TensorData.Longs(values));
    }

    /** The integer types DJL 0.35.1 reads back from PyTorch as {@link DataType#UNKNOWN}. */
    private static boolean unnamedByDjl(Datatype datatype) {
        return switch (datatype) {
            case INT16, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    private static Datatype natural(DataType type) {
        return switch (type) {
            case INT64 -> Datatype.INT64;
            case INT32 -> Datatype.INT32;
            case INT16 -> Datatype.INT16;
            case INT8 -> Datatype.INT8;
            case UINT8 -> Datatype.UINT8;
            case UINT16 -> Datatype.UINT16;
            case UINT32 -> Datatype.UINT32;
            default -> Datatype.UINT64;
        };
    }
}
