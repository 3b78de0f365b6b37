package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Map;

/**
 * Reads one tensor object ({@code name}, {@code datatype}, {@code shape}, {@code parameters},
 * {@code data}, in any order; other fields ignored) as it appears in requests and responses. A tensor
 * whose parameters hold {@code binary_data_size} has its elements in the body's binary part: it is
 * read without data, and {@link BinarySection} fills them in.
 */
final class TensorReader {

    private static final int NAME = 1;
    private static final int DATATYPE = 2;
    private static final int SHAPE = 4;
    private static final int PARAMETERS = 8;
    private static final int DATA = 16;

    private TensorReader() {}

    /**
     * A decoded tensor: the fields both {@link InferInput} and {@link InferOutput} hold.
     *
     * @param parameters its parameters, without {@code binary_data_size} (a detail of the transfer)
     * @param data its elements; null until {@link BinarySection} reads them when it is binary
     * @param binarySize its bytes in the binary part; -1 when its data is JSON
     */
    record Tensor(String name, long[] shape, Datatype datatype, Map<String, Object> parameters, TensorData data,
            long binarySize) {

        Tensor withData(TensorData elements) {
            return new Tensor(name, shape, datatype, parameters, elements, binarySize);
        }

        InferInput toInput() {
            return new InferInput(name, shape, datatype, parameters, data);
        }

        InferOutput toOutput() {
            return new InferOutput(name, shape, datatype, parameters, data);
        }
    }

    /** Reads the object the cursor is on; {@code path} names it, e.g. {@code inputs[0]}. */
    static Tensor read(JsonCursor in, String path) {
        if (in.parser().currentToken() != JsonToken.START_OBJECT) {
            throw JsonCursor.fail(path, "expected an object");
        }
        String name = null;
        Datatype datatype = null;
        long[] shape = null;
        Map<String, Object> parameters = Map.of();
        TensorData data = null;
        JsonCursor deferred = null;
        long binarySize = -1;
        int seen = 0;
        try {
            for (String field = in.nextField(); field != null; field = in.nextField()) {
                int bit = bit(field);
                if (bit == 0) {
                    in.skipValue();
                    continue;
                }
                if ((seen & bit) != 0) {
                    throw JsonCursor.fail(path, "duplicate field " + JsonSupport.quote(field));
                }
                seen |= bit;
                switch (bit) {
                    case NAME -> name = in.readName(path + ".name");
                    case DATATYPE -> datatype = in.readDatatype(path + ".datatype");
                    case SHAPE -> shape = in.readShape(path + ".shape");
                    case PARAMETERS -> {
                        parameters = in.readParameters(path + ".parameters");
                        binarySize = binarySize(parameters, path);
                        if (binarySize >= 0) {
                            parameters = withoutSize(parameters);
                        }
                    }
                    default -> {
                        if (datatype == null) {
                            // The element type is not known yet: come back to these bytes at the end.
                            deferred = in.forkAtCurrentToken();
                            in.skipValue();
                        } else {
                            data = DataReader.read(in, path + ".data", datatype, capacity(in, shape));
                        }
                    }
                }
            }
            if (name == null) {
                throw missing(path, "name");
            }
            if (datatype == null) {
                throw missing(path, "datatype");
            }
            if (shape == null) {
                throw missing(path, "shape");
            }
            if (binarySize >= 0) {
                if ((seen & DATA) != 0) {
                    throw JsonCursor.fail(path, "both \"data\" and parameters." + BinaryTensors.SIZE_PARAMETER
                            + " (expected: one of them)");
                }
                return new Tensor(name, shape, datatype, parameters, null, binarySize);
            }
            if (data == null && deferred == null) {
                throw JsonCursor.fail(path, "missing \"data\" (or parameters." + BinaryTensors.SIZE_PARAMETER
                        + " for binary tensor data)");
            }
            if (deferred != null) {
                deferred.next();
                data = DataReader.read(deferred, path + ".data", datatype, capacity(deferred, shape));
            }
        } finally {
            if (deferred != null) {
                deferred.close();
            }
        }
        long needed = Shapes.elementCount(shape);
        if (data.size() != needed) {
            throw JsonCursor.fail(path + ".data",
                    data.size() + " values, shape " + Shapes.format(shape) + " needs " + needed);
        }
        return new Tensor(name, shape, datatype, parameters, data, -1);
    }

    /** The tensor's {@code binary_data_size}: -1 when absent. */
    static long binarySize(Map<String, Object> parameters, String path) {
        Object size = parameters.get(BinaryTensors.SIZE_PARAMETER);
        if (size == null) {
            return -1;
        }
        if (!(size instanceof Long bytes) || bytes < 0) {
            throw JsonCursor.fail(path + ".parameters." + BinaryTensors.SIZE_PARAMETER,
                    JsonSupport.echo(String.valueOf(size)) + " (expected: a byte count, >= 0)");
        }
        return bytes;
    }

    private static Map<String, Object> withoutSize(Map<String, Object> parameters) {
        if (parameters.size() == 1) {
            return Map.of();
        }
        Map<String, Object> rest = new java.util.HashMap<>(parameters);
        rest.remove(BinaryTensors.SIZE_PARAMETER);
        return rest;
    }

    private static int bit(String field) {
        return switch (field) {
            case "name" -> NAME;
            case "datatype" -> DATATYPE;
            case "shape" -> SHAPE;
            case "parameters" -> PARAMETERS;
            case "data" -> DATA;
            default -> 0;
        };
    }

    /** A first buffer size: the shape's count when known, never more values than the bytes left can hold. */
    private static int capacity(JsonCursor in, long[] shape) {
        if (shape == null) {
            return 16;
        }
        long bound = in.remainingBytes() / 2L + 1;
        return (int) Math.min(Shapes.elementCount(shape), bound);
    }

    private static InvalidRequestException missing(String path, String field) {
        return JsonCursor.fail(path, "missing \"" + field + '"');
    }
}
