package dev.shunt.connection;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Over the HTTP codec: sees a request's head and its end, and the answer's head and end, which move the
 * connection from phase to phase. A body the decoder could not read (a chunk size that is no hexadecimal
 * number) stops here and is answered 400, where the server would otherwise close without a word.
 */
final class MessageWatch extends ChannelDuplexHandler {

    private final ConnectionPhases phases;
    private boolean informational;

    MessageWatch(ConnectionPhases phases) {
        this.phases = phases;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            phases.requestHead();
        }
        if (msg instanceof HttpContent content && !(msg instanceof HttpRequest)) {
            if (content.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                phases.refuse("invalid chunked body: a chunk size is not a hexadecimal number");
                return;
            }
            if (msg instanceof LastHttpContent) {
                phases.requestEnd();
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (!informational) {
                phases.responseHead();
            }
        }
        if (msg instanceof LastHttpContent && !informational) {
            phases.responseEnd();
        }
        ctx.write(msg, promise);
    }
}
