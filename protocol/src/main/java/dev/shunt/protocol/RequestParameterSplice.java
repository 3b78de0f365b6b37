package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts request parameters into a request body without re-serializing it: the few bytes are spliced
 * in, the tensors are copied as they are. Two parameters are put: the v2 {@code timeout}
 * (microseconds, as Triton reads it; the sooner of the client's and ours is kept) and Triton's
 * {@code priority} (the client's own is kept when it sent one).
 *
 * <ul>
 *   <li>No top-level {@code parameters}: {@code "parameters":{"timeout":N,"priority":P},} goes right after
 *       the opening brace. When the body holds no {@code "parameters"} bytes at all this is found by a
 *       byte scan, without tokenizing anything.
 *   <li>{@code parameters} without them: they are added as its first entries.
 *   <li>A client's own larger integer {@code timeout}: its digits are replaced (a second edit).
 *   <li>Anything malformed (not an object, a non-integer timeout, broken JSON) is left as it is: the
 *       model server answers it with a precise error, and nothing here throws.
 * </ul>
 *
 * <p>For a body with binary tensors give it the JSON header's range only; the header's length then
 * changes by {@link #delta}.
 */
public final class RequestParameterSplice {

    private static final byte[] PARAMETERS_KEY = "\"parameters\"".getBytes(StandardCharsets.US_ASCII);

    private final JsonFactory factory = JsonSupport.newFactory();

    /**
     * One byte range of the body replaced by new bytes: {@code removed} bytes from index {@code at} of
     * the body's array give way to {@code inserted}. A caller that holds the body in a buffer can send
     * the parts between edits and the new bytes as they are, copying nothing.
     *
     * @param at index in the body's array where the change starts
     * @param removed bytes of the body replaced from there (0 when only inserting)
     * @param inserted the new bytes
     */
    public record Edit(int at, int removed, byte[] inserted) {
        public Edit {
            requireNonNull(inserted, "inserted");
        }
    }

    /**
     * The edits, in body order, that put the parameters in place; empty when the body is left as it is
     * (malformed, nothing to put, or the client's own values kept).
     *
     * @param timeoutMicros the timeout to put; 0 for none
     * @param priority the priority to put; 0 for none
     */
    public List<Edit> edits(byte[] body, int offset, int length, long timeoutMicros, long priority) {
        requireNonNull(body, "body");
        if (timeoutMicros < 0) {
            throw new IllegalArgumentException("timeoutMicros: " + timeoutMicros + " (expected: >= 0)");
        }
        if (priority < 0) {
            throw new IllegalArgumentException("priority: " + priority + " (expected: >= 0)");
        }
        if (timeoutMicros == 0 && priority == 0) {
            return List.of();
        }
        return indexOf(body, offset, length, PARAMETERS_KEY) < 0
                ? atRoot(body, offset, length, timeoutMicros, priority)
                : scanned(body, offset, length, timeoutMicros, priority);
    }

    /**
     * The body with the parameters in place.
     *
     * @return {@code body} itself when nothing changes and it is whole, else a new array
     */
    public byte[] apply(byte[] body, int offset, int length, long timeoutMicros, long priority) {
        List<Edit> edits = edits(body, offset, length, timeoutMicros, priority);
        if (edits.isEmpty()) {
            return offset == 0 && length == body.length ? body : Arrays.copyOfRange(body, offset, offset + length);
        }
        return copy(body, offset, length, edits);
    }

    /** The body in whole, for convenience. */
    public byte[] apply(byte[] body, long timeoutMicros, long priority) {
        return apply(body, 0, body.length, timeoutMicros, priority);
    }

    /** The body {@code [offset, offset + length)} of {@code body} with {@code edits} applied, as a new array. */
    public static byte[] copy(byte[] body, int offset, int length, List<Edit> edits) {
        byte[] out = new byte[length + delta(edits)];
        int from = offset;
        int to = 0;
        for (Edit e : edits) {
            int keep = e.at() - from;
            System.arraycopy(body, from, out, to, keep);
            to += keep;
            System.arraycopy(e.inserted(), 0, out, to, e.inserted().length);
            to += e.inserted().length;
            from = e.at() + e.removed();
        }
        System.arraycopy(body, from, out, to, offset + length - from);
        return out;
    }

    /** How many bytes longer the body gets (negative when shorter). */
    public static int delta(List<Edit> edits) {
        int d = 0;
        for (Edit e : edits) {
            d += e.inserted().length - e.removed();
        }
        return d;
    }

    private static String entries(long micros, long priority) {
        StringBuilder sb = new StringBuilder(48);
        if (micros > 0) {
            sb.append("\"timeout\":").append(micros);
        }
        if (priority > 0) {
            sb.append(sb.length() == 0 ? "" : ",").append("\"priority\":").append(priority);
        }
        return sb.toString();
    }

    private static List<Edit> atRoot(byte[] body, int offset, int length, long micros, long priority) {
        int open = skipSpace(body, offset, offset + length);
        if (open < 0 || body[open] != '{') {
            return List.of();
        }
        int next = skipSpace(body, open + 1, offset + length);
        if (next < 0 || body[next] == '}') {
            return List.of(); // an empty object is not a request; leave it to the server's message
        }
        return List.of(new Edit(open + 1, 0, ascii("\"parameters\":{" + entries(micros, priority) + "},")));
    }

    private List<Edit> scanned(byte[] body, int offset, int length, long micros, long priority) {
        try (JsonParser p = factory.createParser(body, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("parameters")) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_OBJECT) {
                    return List.of();
                }
                return inParameters(p, body, offset, micros, priority);
            }
            return atRoot(body, offset, length, micros, priority);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<Edit> inParameters(JsonParser p, byte[] body, int offset, long micros, long priority)
            throws IOException {
        int brace = offset + (int) p.currentTokenLocation().getByteOffset();
        boolean empty = true;
        Edit replaced = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            empty = false;
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("priority")) {
                priority = 0; // the client's own, whatever it is
                p.skipChildren();
                continue;
            }
            if (!name.equals("timeout") || micros == 0) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.VALUE_NUMBER_INT) {
                return List.of();
            }
            long client = p.getValueAsLong();
            if (client < 1) {
                return List.of(); // its error, for the server to name
            }
            if (client > micros) {
                int start = offset + (int) p.currentTokenLocation().getByteOffset();
                int end = start;
                while (end < body.length && isNumberByte(body[end])) {
                    end++;
                }
                replaced = new Edit(start, end - start, ascii(Long.toString(micros)));
            }
            micros = 0; // the client's sooner one is kept, or its digits replaced
        }
        List<Edit> edits = new ArrayList<>(2);
        String added = entries(micros, priority);
        if (!added.isEmpty()) {
            edits.add(new Edit(brace + 1, 0, ascii(added + (empty ? "" : ","))));
        }
        if (replaced != null) {
            edits.add(replaced);
        }
        return edits;
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
