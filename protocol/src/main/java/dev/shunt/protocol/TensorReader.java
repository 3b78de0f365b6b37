package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Map;

/**
 * Reads one tensor object ({@code name}, {@code datatype}, {@code shape}, {@code parameters},
 * {@code data}, in any order; other fields ignored) as it appears in requests and responses.
 */
final class TensorReader {

    static final String BINARY_UNSUPPORTED =
            "the binary tensor data extension is not supported (send the tensor as JSON \"data\")";

    private static final int NAME = 1;
    private static final int DATATYPE = 2;
    private static final int SHAPE = 4;
    private static final int PARAMETERS = 8;
    private static final int DATA = 16;

    private TensorReader() {}

    /** A decoded tensor: the fields both {@link InferInput} and {@link InferOutput} hold. */
    record Tensor(String name, long[] shape, Datatype datatype, Map<String, Object> parameters, TensorData data) {

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
                        if (parameters.containsKey("binary_data_size")) {
                            throw JsonCursor.fail(path + ".parameters.binary_data_size", BINARY_UNSUPPORTED);
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
            if (data == null && deferred == null) {
                throw missing(path, "data");
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
        return new Tensor(name, shape, datatype, parameters, data);
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
