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
            return Buffer.buffer(TimeoutParameter.copy(bytes.array(), bytes.offset(), bytes.length(), splice));
        }
        ByteBuf whole = internal.getByteBuf();
        ByteBuf spliced = Unpooled.wrappedBuffer(3, whole.slice(whole.readerIndex(), head),
                Unpooled.wrappedBuffer(splice.inserted()), whole.slice(whole.readerIndex() + head + splice.removed(), tail));
        return BufferInternal.buffer(spliced);
    }
}
