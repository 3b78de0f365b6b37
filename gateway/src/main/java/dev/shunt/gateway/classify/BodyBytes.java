package dev.shunt.gateway.classify;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A request body as a byte range, read in place from the buffer the server filled whenever it is
 * backed by a heap array (the usual case), so peeking and splicing do not copy the body first.
 *
 * @param array the bytes (not to be modified)
 * @param offset where the body starts
 * @param length its size
 */
public record BodyBytes(byte[] array, int offset, int length) {

    public BodyBytes {
        requireNonNull(array, "array");
        if (offset < 0 || length < 0 || offset + length > array.length) {
            throw new IllegalArgumentException("offset " + offset + ", length " + length + " (expected: inside "
                    + array.length + " bytes)");
        }
    }

    /** A view of {@code buffer}, or a copy of it when it has no accessible array. */
    public static BodyBytes of(Buffer buffer) {
        if (buffer == null) {
            return new BodyBytes(new byte[0], 0, 0);
        }
        if (buffer instanceof BufferInternal internal) {
            ByteBuf view = internal.getByteBuf();
            if (view.hasArray()) {
                return new BodyBytes(view.array(), view.arrayOffset() + view.readerIndex(), view.readableBytes());
            }
        }
        byte[] copy = buffer.getBytes();
        return new BodyBytes(copy, 0, copy.length);
    }
}
