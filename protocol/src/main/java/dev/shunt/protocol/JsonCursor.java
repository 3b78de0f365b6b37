package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link JsonParser} over one UTF-8 body whose every failure is an {@link InvalidRequestException}
 * naming a JSON path. Not thread-safe; one per decode.
 */
final class JsonCursor implements AutoCloseable {

    private static final int MAX_RANK = 16;
    private static final int MAX_PARAMETERS = 128;
    private static final String DATATYPE_NAMES = datatypeNames();

    private final JsonFactory factory;
    private final byte[] body;
    private final int offset;
    private final int length;
    private final String root;
    private final JsonParser parser;

    private JsonCursor(JsonFactory factory, byte[] body, int offset, int length, String root) {
        this.factory = factory;
        this.body = body;
        this.offset = offset;
        this.length = length;
        this.root = root;
        try {
            parser = factory.createParser(body, offset, length);
        } catch (IOException e) {
            throw notJson(e);
        }
        if (!(parser instanceof UTF8StreamJsonParser)) {
            throw new InvalidRequestException(root + ": not valid JSON (expected UTF-8)");
        }
    }

    /**
     * A cursor over {@code body[offset, offset+length)}; {@code root} names the whole body in
     * messages ({@code body}, {@code response}).
     */
    static JsonCursor open(JsonFactory factory, byte[] body, int offset, int length, String root) {
        if (offset < 0 || length < 0 || offset > body.length - length) {
            throw new IllegalArgumentException(
                    "offset: " + offset + ", length: " + length + " (expected: within " + body.length + " bytes)");
        }
        return new JsonCursor(factory, body, offset, length, root);
    }

    /** A new cursor whose first token is the one this cursor is on now. */
    JsonCursor forkAtCurrentToken() {
        int tokenStart = (int) parser.currentTokenLocation().getByteOffset();
        return new JsonCursor(factory, body, offset + tokenStart, length - tokenStart, root);
    }

    JsonParser parser() {
        return parser;
    }

    /** Bytes not yet read; an upper bound for sizing buffers. */
    int remainingBytes() {
        return length - (int) parser.currentLocation().getByteOffset();
    }

    /** The next token; null at the end of input. */
    JsonToken next() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /** Skips the value the cursor is on, with all its children. */
    void skipValue() {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    String text() {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /** Reads the root object's opening brace; {@code body: empty} when there is no token at all. */
    void openRoot() {
        JsonToken t = next();
        if (t == null) {
            throw new InvalidRequestException(root + ": empty");
        }
        if (t != JsonToken.START_OBJECT) {
            throw new InvalidRequestException(root + ": expected a JSON object");
        }
    }

    /** After the root object closed: nothing but whitespace may follow. */
    void closeRoot() {
        if (next() != null) {
            throw new InvalidRequestException(root + ": unexpected content after the JSON object");
        }
    }

    /** The next field name of the current object, or null when it closed. */
    String nextField() {
        JsonToken t = next();
        if (t == JsonToken.END_OBJECT) {
            return null;
        }
        // Inside an object Jackson yields only FIELD_NAME or END_OBJECT (or throws).
        String name = currentName();
        next();
        return name;
    }

    private String currentName() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /** The current value as a string; null for JSON null when {@code nullable}. */
    String readString(String path, boolean nullable) {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return text();
        }
        if (nullable && t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw fail(path, "expected a string");
    }

    /** The current value as a non-empty string. */
    String readName(String path) {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            String s = text();
            if (!s.isEmpty()) {
                return s;
            }
        }
        throw fail(path, "expected a non-empty string");
    }

    /** The current value as a datatype name. */
    Datatype readDatatype(String path) {
        String wire = readString(path, false);
        Datatype d = Datatype.parse(wire).orElse(null);
        if (d == null) {
            throw fail(path, JsonSupport.quote(wire) + " is not a datatype (expected one of " + DATATYPE_NAMES + ")");
        }
        return d;
    }

    /** The current value as a concrete shape: at most 16 non-negative integers whose product fits a long. */
    long[] readShape(String path) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw fail(path, "expected an array of non-negative integers");
        }
        long[] dims = new long[4];
        int rank = 0;
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
            if (t != JsonToken.VALUE_NUMBER_INT || numberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw fail(path, "expected an array of non-negative integers");
            }
            long d = longValue();
            if (d < 0) {
                throw fail(path, "expected an array of non-negative integers");
            }
            if (rank == MAX_RANK) {
                throw fail(path, "rank is over " + MAX_RANK);
            }
            if (rank == dims.length) {
                dims = Arrays.copyOf(dims, MAX_RANK);
            }
            dims[rank++] = d;
        }
        long[] shape = rank == dims.length ? dims : Arrays.copyOf(dims, rank);
        if (Shapes.elementCount(shape) < 0) {
            throw fail(path, Shapes.format(shape) + " has too many elements");
        }
        return shape;
    }

    JsonParser.NumberType numberType() {
        try {
            return parser.getNumberType();
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    long longValue() {
        try {
            return parser.getLongValue();
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * The current value as parameters: an object (or null, meaning none) whose values are strings,
     * booleans, integers (as {@link Long}) or other numbers (as {@link Double}).
     */
    Map<String, Object> readParameters(String path) {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (t != JsonToken.START_OBJECT) {
            throw fail(path, "expected an object");
        }
        Map<String, Object> out = new HashMap<>();
        for (String key = nextField(); key != null; key = nextField()) {
            Object value = switch (parser.currentToken()) {
                case VALUE_STRING -> text();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NUMBER_INT -> {
                    if (numberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw fail(path + '.' + key, JsonSupport.echo(text()) + " is out of range for a 64-bit integer");
                    }
                    yield longValue();
                }
                case VALUE_NUMBER_FLOAT -> doubleValue();
                default -> throw fail(path + '.' + key, "expected a string, number or boolean");
            };
            if (out.put(key, value) != null) {
                throw fail(path, "duplicate key " + JsonSupport.quote(key));
            }
            if (out.size() > MAX_PARAMETERS) {
                throw fail(path, "more than " + MAX_PARAMETERS + " entries");
            }
        }
        return out;
    }

    double doubleValue() {
        try {
            return parser.getDoubleValue();
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    float floatValue() {
        try {
            return parser.getFloatValue();
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * The current {@code VALUE_NUMBER_FLOAT} as a float, parsed straight from the parser's buffer
     * (Jackson's own {@code getFloatValue} first copies the text into a String).
     */
    float parseFloatToken() {
        try {
            return NumberInput.parseFloat(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), true);
        } catch (IOException e) {
            throw notJson(e);
        } catch (NumberFormatException e) {
            // Jackson tokenized it as a number, so this should not happen; refuse rather than fail.
            throw new InvalidRequestException(root + ": malformed number " + JsonSupport.echo(text()));
        }
    }

    /** As {@link #parseFloatToken()}, as a double. */
    double parseDoubleToken() {
        try {
            return NumberInput.parseDouble(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), true);
        } catch (IOException e) {
            throw notJson(e);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(root + ": malformed number " + JsonSupport.echo(text()));
        }
    }

    /** {@code path: message}. */
    static InvalidRequestException fail(String path, String message) {
        return new InvalidRequestException(path + ": " + message);
    }

    private InvalidRequestException notJson(IOException e) {
        return JsonSupport.notJson(root, e);
    }

    private static String datatypeNames() {
        StringBuilder sb = new StringBuilder();
        for (Datatype d : Datatype.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(d.name());
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // A parser over a byte array holds no resource.
        }
    }
}
