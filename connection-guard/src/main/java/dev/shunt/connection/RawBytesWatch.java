package dev.shunt.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Under the HTTP codec: sees each read's bytes, so a request's header deadline starts at its first byte. */
final class RawBytesWatch extends ChannelInboundHandlerAdapter {

    private final ConnectionPhases phases;

    RawBytesWatch(ConnectionPhases phases) {
        this.phases = phases;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        phases.start(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            phases.bytesIn();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        phases.stop();
        ctx.fireChannelInactive();
    }
}
