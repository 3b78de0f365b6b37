package dev.shunt.protocol;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.VALUE_FALSE;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_STRING;
import static com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one tensor's {@code data} array, flat or nested (flattened row-major), into the storage its
 * datatype needs, checking every element's type and range. FP types also take the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, which is how Jackson writes those values.
 */
final class DataReader {

    /** Deepest nesting of arrays accepted in {@code data}, the outer array included. */
    static final int MAX_DEPTH = 32;
    private static final float FP16_MAX = 65504f;

    private final JsonCursor in;
    private final String path;
    private final Datatype type;
    private int depth;

    private DataReader(JsonCursor in, String path, Datatype type) {
        this.in = in;
        this.path = path;
        this.type = type;
    }

    /**
     * Reads the array the cursor is on; {@code capacity} is a first guess at the element count
     * (it must not come from the client unchecked: it is allocated).
     */
    static TensorData read(JsonCursor in, String path, Datatype type, int capacity) {
        if (in.parser().currentToken() != START_ARRAY) {
            throw JsonCursor.fail(path, "expected an array");
        }
        DataReader reader = new DataReader(in, path, type);
        reader.depth = 1;
        int cap = Math.max(capacity, 1);
        return switch (type) {
            case FP16, FP32 -> reader.readFloats(cap);
            case FP64 -> reader.readDoubles(cap);
            case BOOL -> reader.readBools(cap);
            case BYTES -> reader.readStrings(cap);
            default -> reader.readLongs(cap);
        };
    }

    /** The next element's token, descending into and out of nested arrays; null after the outer array. */
    private JsonToken nextValue() {
        for (;;) {
            JsonToken t = in.next();
            if (t == START_ARRAY) {
                if (++depth > MAX_DEPTH) {
                    throw JsonCursor.fail(path, "arrays nested deeper than " + MAX_DEPTH);
                }
            } else if (t == END_ARRAY) {
                if (--depth == 0) {
                    return null;
                }
            } else {
                return t;
            }
        }
    }

    private TensorData readFloats(int capacity) {
        boolean half = type == Datatype.FP16;
        float[] out = new float[capacity];
        int n = 0;
        for (JsonToken t = nextValue(); t != null; t = nextValue()) {
            float v;
            if (t == VALUE_NUMBER_FLOAT || t == VALUE_NUMBER_INT) {
                v = t == VALUE_NUMBER_FLOAT ? in.parseFloatToken() : in.floatValue();
                if (Float.isInfinite(v) || half && Math.abs(v) > FP16_MAX) {
                    throw outOfRange(n);
                }
            } else if (t == VALUE_STRING) {
                v = nonFinite(n);
            } else {
                throw expected(n, "a number");
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, grow(n));
            }
            out[n++] = v;
        }
        return new TensorData.Floats(n == out.length ? out : Arrays.copyOf(out, n));
    }

    private TensorData readDoubles(int capacity) {
        double[] out = new double[capacity];
        int n = 0;
        for (JsonToken t = nextValue(); t != null; t = nextValue()) {
            double v;
            if (t == VALUE_NUMBER_FLOAT || t == VALUE_NUMBER_INT) {
                v = t == VALUE_NUMBER_FLOAT ? in.parseDoubleToken() : in.doubleValue();
                if (Double.isInfinite(v)) {
                    throw outOfRange(n);
                }
            } else if (t == VALUE_STRING) {
                v = nonFinite(n);
            } else {
                throw expected(n, "a number");
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, grow(n));
            }
            out[n++] = v;
        }
        return new TensorData.Doubles(n == out.length ? out : Arrays.copyOf(out, n));
    }

    private TensorData readLongs(int capacity) {
        long min = type.minValue();
        long max = type.maxValue();
        long[] out = new long[capacity];
        int n = 0;
        for (JsonToken t = nextValue(); t != null; t = nextValue()) {
            if (t == VALUE_NUMBER_FLOAT) {
                throw JsonCursor.fail(element(n), JsonSupport.echo(in.text()) + " is not an integer (expected: an integer for " + type + ")");
            }
            if (t != VALUE_NUMBER_INT) {
                throw expected(n, "an integer");
            }
            if (in.numberType() == NumberType.BIG_INTEGER) {
                throw outOfRange(n);
            }
            long v = in.longValue();
            if (v < min || v > max) {
                throw outOfRange(n);
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, grow(n));
            }
            out[n++] = v;
        }
        return new TensorData.Longs(n == out.length ? out : Arrays.copyOf(out, n));
    }

    private TensorData readBools(int capacity) {
        boolean[] out = new boolean[capacity];
        int n = 0;
        for (JsonToken t = nextValue(); t != null; t = nextValue()) {
            if (t != VALUE_TRUE && t != VALUE_FALSE) {
                throw expected(n, "true or false");
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, grow(n));
            }
            out[n++] = t == VALUE_TRUE;
        }
        return new TensorData.Bools(n == out.length ? out : Arrays.copyOf(out, n));
    }

    private TensorData readStrings(int capacity) {
        List<byte[]> out = new ArrayList<>(Math.min(capacity, 1024));
        for (JsonToken t = nextValue(); t != null; t = nextValue()) {
            if (t != VALUE_STRING) {
                throw expected(out.size(), "a string");
            }
            out.add(in.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new TensorData.Bytes(out);
    }

    private float nonFinite(int n) {
        return switch (in.text()) {
            case "NaN" -> Float.NaN;
            case "Infinity" -> Float.POSITIVE_INFINITY;
            case "-Infinity" -> Float.NEGATIVE_INFINITY;
            default -> throw expected(n, "a number");
        };
    }

    private int grow(int n) {
        if (n >= Integer.MAX_VALUE - 16) {
            throw JsonCursor.fail(path, "too many values");
        }
        return (int) Math.min(Integer.MAX_VALUE - 16L, Math.max(16L, 2L * n));
    }

    private String element(int n) {
        return path + '[' + n + ']';
    }

    private InvalidRequestException expected(int n, String what) {
        return JsonCursor.fail(element(n), "expected " + what + " for " + type);
    }

    private InvalidRequestException outOfRange(int n) {
        return JsonCursor.fail(element(n), JsonSupport.echo(in.text()) + " is out of range for " + type);
    }
}
