package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Puts the v2 {@code timeout} request parameter (microseconds, as Triton reads it) into a request
 * body without re-serializing it: the few bytes are spliced in, the tensors are copied as they are.
 *
 * <ul>
 *   <li>No top-level {@code parameters}: {@code "parameters":{"timeout":N},} goes right after the
 *       opening brace. When the body holds no {@code "parameters"} bytes at all this is found by a byte
 *       scan, without tokenizing anything.
 *   <li>{@code parameters} without {@code timeout}: {@code "timeout":N} is added as its first entry.
 *   <li>A client's own integer {@code timeout}: the sooner of the two is kept.
 *   <li>Anything malformed (not an object, a non-integer timeout, broken JSON) is left as it is: the
 *       model server answers it with a precise error, and nothing here throws.
 * </ul>
 */
public final class TimeoutParameter {

    private static final byte[] PARAMETERS_KEY = "\"parameters\"".getBytes(StandardCharsets.US_ASCII);

    private final JsonFactory factory = JsonSupport.newFactory();

    /**
     * One byte range of the body replaced by new bytes: the body is {@code [offset, at)}, then
     * {@code inserted}, then {@code [at + removed, offset + length)}. A caller that holds the body in a
     * buffer can send those three parts as they are, copying nothing.
     *
     * @param at index in the body's array where the change starts
     * @param removed bytes of the body replaced from there (0 when only inserting)
     * @param inserted the new bytes
     */
    public record Splice(int at, int removed, byte[] inserted) {
        public Splice {
            requireNonNull(inserted, "inserted");
        }
    }

    /**
     * Where and what to change for the timeout to be in place; null when the body is left as it is
     * (malformed, or a client's sooner timeout kept).
     */
    public Splice splice(byte[] body, int offset, int length, long timeoutMicros) {
        requireNonNull(body, "body");
        if (timeoutMicros < 1) {
            throw new IllegalArgumentException("timeoutMicros: " + timeoutMicros + " (expected: > 0)");
        }
        return indexOf(body, offset, length, PARAMETERS_KEY) < 0
                ? atRoot(body, offset, length, timeoutMicros)
                : scanned(body, offset, length, timeoutMicros);
    }

    /**
     * The body with the timeout in place.
     *
     * @return {@code body} itself when nothing changes, else a new array
     */
    public byte[] apply(byte[] body, int offset, int length, long timeoutMicros) {
        Splice splice = splice(body, offset, length, timeoutMicros);
        if (splice == null) {
            return offset == 0 && length == body.length ? body : java.util.Arrays.copyOfRange(body, offset, offset + length);
        }
        return copy(body, offset, length, splice);
    }

    /** The body {@code [offset, offset + length)} of {@code body} with {@code splice} applied, as a new array. */
    public static byte[] copy(byte[] body, int offset, int length, Splice splice) {
        byte[] out = new byte[length - splice.removed() + splice.inserted().length];
        int head = splice.at() - offset;
        System.arraycopy(body, offset, out, 0, head);
        System.arraycopy(splice.inserted(), 0, out, head, splice.inserted().length);
        System.arraycopy(body, splice.at() + splice.removed(), out, head + splice.inserted().length,
                length - head - splice.removed());
        return out;
    }

    /** The body in whole, for convenience. */
    public byte[] apply(byte[] body, long timeoutMicros) {
        return apply(body, 0, body.length, timeoutMicros);
    }

    private static Splice atRoot(byte[] body, int offset, int length, long micros) {
        int open = skipSpace(body, offset, offset + length);
        if (open < 0 || body[open] != '{') {
            return null;
        }
        int next = skipSpace(body, open + 1, offset + length);
        if (next < 0 || body[next] == '}') {
            return null; // an empty object is not a request; leave it to the server's message
        }
        return new Splice(open + 1, 0, ascii("\"parameters\":{\"timeout\":" + micros + "},"));
    }

    private Splice scanned(byte[] body, int offset, int length, long micros) {
        try (JsonParser p = factory.createParser(body, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("parameters")) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_OBJECT) {
                    return null;
                }
                return inParameters(p, body, offset, micros);
            }
            return atRoot(body, offset, length, micros);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Splice inParameters(JsonParser p, byte[] body, int offset, long micros) throws IOException {
        int brace = offset + (int) p.currentTokenLocation().getByteOffset();
        boolean empty = true;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            empty = false;
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (!name.equals("timeout")) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.VALUE_NUMBER_INT) {
                return null;
            }
            long client = p.getValueAsLong();
            if (client < 1 || client <= micros) { // the client's sooner one, or its error for the server to name
                return null;
            }
            int start = offset + (int) p.currentTokenLocation().getByteOffset();
            int end = start;
            while (end < body.length && isNumberByte(body[end])) {
                end++;
            }
            return new Splice(start, end - start, ascii(Long.toString(micros)));
        }
        return new Splice(brace + 1, 0, ascii("\"timeout\":" + micros + (empty ? "" : ",")));
    }

    private static boolean isNumberByte(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+';
    }

    private static int skipSpace(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where {@code needle} (which starts with a quote) occurs, or -1. Quotes are rare in tensor data,
     * so the scan looks for them eight bytes at a time and compares only where one is.
     */
    static int indexOf(byte[] body, int offset, int length, byte[] needle) {
        int last = offset + length - needle.length;
        int i = offset;
        while (i <= last) {
            if (i + Long.BYTES <= offset + length) {
                long word = (long) LONGS.get(body, i);
                long x = word ^ QUOTES;
                if (((x - ONES) & ~x & HIGHS) == 0) {
                    i += Long.BYTES; // no quote among these eight bytes
                    continue;
                }
            }
            if (body[i] == needle[0] && matches(body, i, needle)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static boolean matches(byte[] body, int at, byte[] needle) {
        for (int j = 1; j < needle.length; j++) {
            if (body[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
