package dev.shunt.gateway.pipeline;

import dev.shunt.gateway.classify.BodyBytes;
import dev.shunt.protocol.RequestParameterSplice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.List;

/**
 * A body with edits applied without copying it: the parts between the edits and the new bytes, as one
 * composite buffer over the client's bytes (the socket write gathers them). Falls back to a copy when
 * the body is not a Netty buffer.
 */
final class SplicedBody {

    private SplicedBody() {}

    static Buffer of(Buffer body, BodyBytes bytes, List<RequestParameterSplice.Edit> edits) {
        if (!(body instanceof BufferInternal internal)) {
            return Buffer.buffer(RequestParameterSplice.copy(bytes.array(), bytes.offset(), bytes.length(), edits));
        }
        ByteBuf whole = internal.getByteBuf();
        CompositeByteBuf spliced = Unpooled.compositeBuffer(2 * edits.size() + 1);
        int from = 0; // relative to the body's start
        for (RequestParameterSplice.Edit edit : edits) {
            int at = edit.at() - bytes.offset();
            spliced.addComponent(true, whole.slice(whole.readerIndex() + from, at - from));
            spliced.addComponent(true, Unpooled.wrappedBuffer(edit.inserted()));
            from = at + edit.removed();
        }
        spliced.addComponent(true, whole.slice(whole.readerIndex() + from, bytes.length() - from));
        return BufferInternal.buffer(spliced);
    }
}
