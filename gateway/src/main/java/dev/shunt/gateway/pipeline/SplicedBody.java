package dev.shunt.gateway.pipeline;

import dev.shunt.gateway.classify.BodyBytes;
import dev.shunt.protocol.TimeoutParameter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A body with a splice applied without copying it: the part before, the new bytes and the part after,
 * as one composite buffer over the client's bytes (the socket write gathers them). Falls back to a
 * copy when the body is not a Netty buffer.
 */
final class SplicedBody {

    private SplicedBody() {}

    static Buffer of(Buffer body, BodyBytes bytes, TimeoutParameter.Splice splice) {
        int head = splice.at() - bytes.offset();
        int tail = bytes.length() - head - splice.removed();
        if (!(body instanceof BufferInternal internal)) {
            return Buffer.buffer(copy(bytes, splice));
        }
        ByteBuf whole = internal.getByteBuf();
        ByteBuf spliced = Unpooled.wrappedBuffer(3, whole.slice(whole.readerIndex(), head),
                Unpooled.wrappedBuffer(splice.inserted()), whole.slice(whole.readerIndex() + head + splice.removed(), tail));
        return BufferInternal.buffer(spliced);
    }

    /** The copying splice, for bodies that are not Netty buffers. */
    private static byte[] copy(BodyBytes bytes, TimeoutParameter.Splice splice) {
        byte[] in = bytes.array();
        int head = splice.at() - bytes.offset();
        byte[] out = new byte[bytes.length() - splice.removed() + splice.inserted().length];
        System.arraycopy(in, bytes.offset(), out, 0, head);
        System.arraycopy(splice.inserted(), 0, out, head, splice.inserted().length);
        System.arraycopy(in, splice.at() + splice.removed(), out, head + splice.inserted().length,
                bytes.length() - head - splice.removed());
        return out;
    }
}
