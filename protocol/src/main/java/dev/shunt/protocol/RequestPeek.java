package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the model-relevant facts of an inference request body (input names, datatypes and shapes,
 * batch size, element count, id) by streaming over it with Jackson's {@code JsonParser}, skipping
 * {@code data}, request {@code parameters} and {@code outputs} without materializing them. The whole body is
 * still tokenized, so malformed JSON is refused; the element count is the product of each shape,
 * not a count of the values present (only {@link InferenceCodec#decodeRequest} checks those). Give it
 * only the JSON header of a body with binary tensors: inputs sent in binary have
 * {@code binary_data_size} instead of {@code data}.
 *
 * <p>Failures are {@link InvalidRequestException}s in the codec's words, e.g.
 * {@code inputs[0].shape: expected an array of non-negative integers}. Thread-safe.
 */
public final class RequestPeek {

    private static final Set<String> KNOWN_FIELDS = Set.of("id", "inputs");
    private static final int NAME = 1;
    private static final int DATATYPE = 2;
    private static final int SHAPE = 4;
    private static final int DATA = 8;
    private static final int PARAMETERS = 16;

    private final JsonFactory factory = JsonSupport.newFactory();

    /** Peeks at a whole body. */
    public PeekResult peek(byte[] body) {
        requireNonNull(body, "body");
        return peek(body, 0, body.length);
    }

    /**
     * Peeks at the request in {@code body[offset, offset + length)}.
     *
     * @throws InvalidRequestException when it is not a well-formed request
     * @throws IllegalArgumentException when the range is outside {@code body}
     */
    public PeekResult peek(byte[] body, int offset, int length) {
        requireNonNull(body, "body");
        try (JsonCursor in = JsonCursor.open(factory, body, offset, length, "body")) {
            in.openRoot();
            String id = null;
            List<PeekedInput> inputs = null;
            int seen = 0;
            for (String field = in.nextField(); field != null; field = in.nextField()) {
                if (KNOWN_FIELDS.contains(field)) {
                    int bit = field.equals("id") ? 1 : 2;
                    if ((seen & bit) != 0) {
                        throw JsonCursor.fail("body", "duplicate field " + JsonSupport.quote(field));
                    }
                    seen |= bit;
                    if (bit == 1) {
                        id = in.readString("id", true);
                    } else {
                        inputs = readInputs(in);
                    }
                } else {
                    in.skipValue();
                }
            }
            in.closeRoot();
            if (inputs == null) {
                throw JsonCursor.fail("inputs", "expected a non-empty array");
            }
            long[] first = inputs.get(0).shape();
            long batch = first.length == 0 ? 1 : first[0];
            long elements = 0;
            long binary = 0;
            for (PeekedInput input : inputs) {
                binary += Math.max(0, input.binarySize());
                if (binary < 0) {
                    throw JsonCursor.fail("inputs", "the " + BinaryTensors.SIZE_PARAMETER + " values add up past "
                            + Long.MAX_VALUE + " bytes");
                }
                elements += input.elementCount();
                if (elements < 0) {
                    throw JsonCursor.fail("inputs", "too many elements in all");
                }
            }
            return new PeekResult(inputs, batch, elements, id, binary);
        }
    }

    /**
     * The batch size only (first dimension of the first input), reading no further than that input's
     * {@code shape}: when the shape comes before the data, as clients usually write it, no tensor value
     * is tokenized. What follows is not checked (the model server validates the whole request). For a
     * routing decision on the hot path; {@link #peek} reads and checks everything.
     *
     * @throws InvalidRequestException when the body is malformed up to the shape
     */
    public long batchSize(byte[] body, int offset, int length) {
        requireNonNull(body, "body");
        try (JsonCursor in = JsonCursor.open(factory, body, offset, length, "body")) {
            in.openRoot();
            for (String field = in.nextField(); field != null; field = in.nextField()) {
                if (!field.equals("inputs")) {
                    in.skipValue();
                    continue;
                }
                if (in.parser().currentToken() != JsonToken.START_ARRAY || in.next() != JsonToken.START_OBJECT) {
                    throw JsonCursor.fail("inputs", "expected a non-empty array");
                }
                for (String key = in.nextField(); key != null; key = in.nextField()) {
                    if (key.equals("shape")) {
                        long[] shape = in.readShape("inputs[0].shape");
                        return shape.length == 0 ? 1 : shape[0];
                    }
                    in.skipValue();
                }
                throw JsonCursor.fail("inputs[0]", "missing \"shape\"");
            }
            throw JsonCursor.fail("inputs", "expected a non-empty array");
        }
    }

    private static List<PeekedInput> readInputs(JsonCursor in) {
        if (in.parser().currentToken() != JsonToken.START_ARRAY) {
            throw JsonCursor.fail("inputs", "expected a non-empty array");
        }
        List<PeekedInput> inputs = new ArrayList<>(2);
        Set<String> names = null;
        for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
            String path = "inputs[" + inputs.size() + ']';
            PeekedInput input = readInput(in, path);
            if (names == null) {
                names = new HashSet<>(4);
            }
            if (!names.add(input.name())) {
                throw JsonCursor.fail(path + ".name", "duplicate input " + JsonSupport.quote(input.name()));
            }
            inputs.add(input);
        }
        if (inputs.isEmpty()) {
            throw JsonCursor.fail("inputs", "expected a non-empty array");
        }
        return inputs;
    }

    private static PeekedInput readInput(JsonCursor in, String path) {
        if (in.parser().currentToken() != JsonToken.START_OBJECT) {
            throw JsonCursor.fail(path, "expected an object");
        }
        String name = null;
        Datatype datatype = null;
        long[] shape = null;
        long binarySize = -1;
        int seen = 0;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            int bit = switch (field) {
                case "name" -> NAME;
                case "datatype" -> DATATYPE;
                case "shape" -> SHAPE;
                case "data" -> DATA;
                case "parameters" -> PARAMETERS;
                default -> 0;
            };
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
                case PARAMETERS -> binarySize = TensorReader.binarySize(in.readParameters(path + ".parameters"), path);
                default -> {
                    if (in.parser().currentToken() != JsonToken.START_ARRAY) {
                        throw JsonCursor.fail(path + ".data", "expected an array");
                    }
                    in.skipValue();
                }
            }
        }
        if (name == null) {
            throw JsonCursor.fail(path, "missing \"name\"");
        }
        if (datatype == null) {
            throw JsonCursor.fail(path, "missing \"datatype\"");
        }
        if (shape == null) {
            throw JsonCursor.fail(path, "missing \"shape\"");
        }
        if (binarySize >= 0 && (seen & DATA) != 0) {
            throw JsonCursor.fail(path, "both \"data\" and parameters." + BinaryTensors.SIZE_PARAMETER
                    + " (expected: one of them)");
        }
        if (binarySize < 0 && (seen & DATA) == 0) {
            throw JsonCursor.fail(path, "missing \"data\" (or parameters." + BinaryTensors.SIZE_PARAMETER
                    + " for binary tensor data)");
        }
        return new PeekedInput(name, datatype.name(), shape, binarySize);
    }
}
