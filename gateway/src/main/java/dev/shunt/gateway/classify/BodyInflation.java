package dev.shunt.gateway.classify;

import dev.shunt.gateway.error.BadRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The start of a compressed request body ({@code Content-Encoding: gzip} or {@code deflate}, as
 * Triton's client sends them), inflated only as far as classification needs and never past a cap: a
 * compression bomb costs the gateway at most the cap, and the body is forwarded compressed, untouched.
 */
public final class BodyInflation {

    /** The most bytes inflated for the peek. */
    public static final int PEEK_CAP = 64 * 1024;

    /**
     * The inflated start of a body.
     *
     * @param bytes what was inflated
     * @param complete whether that is the whole body (a peek that fails on it is the body's fault)
     */
    public record Prefix(BodyBytes bytes, boolean complete) {}

    private BodyInflation() {}

    /** Whether {@code encoding} (a {@code Content-Encoding} value, or null) leaves the body as it is. */
    public static boolean identity(String encoding) {
        return encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity");
    }

    /**
     * Inflates at most {@code cap} bytes of {@code body}.
     *
     * @throws BadRequest for an encoding other than gzip or deflate, or a body that is not in it
     */
    public static Prefix prefix(BodyBytes body, String encoding, int cap) {
        String name = encoding.trim().toLowerCase(Locale.ROOT);
        try (InputStream in = stream(body, name)) {
            byte[] out = new byte[Math.min(cap, Math.max(256, body.length() * 4))];
            int n = 0;
            while (n < cap) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, Math.min(cap, out.length * 2));
                }
                int read = in.read(out, n, out.length - n);
                if (read < 0) {
                    return new Prefix(new BodyBytes(out, 0, n), true);
                }
                n += read;
            }
            return new Prefix(new BodyBytes(out, 0, n), in.read() < 0);
        } catch (IOException e) {
            throw new BadRequest("Content-Encoding: " + name + " (the body is not valid " + name + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    private static InputStream stream(BodyBytes body, String encoding) throws IOException {
        ByteArrayInputStream raw = new ByteArrayInputStream(body.array(), body.offset(), body.length());
        return switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(raw);
            case "deflate" -> new InflaterInputStream(raw);
            default -> throw new BadRequest("Content-Encoding: " + encoding + " (expected: gzip, deflate or identity)");
        };
    }
}
