package dev.shunt.connection;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A listener's connection limits, shared by all its event loops: give it to
 * {@code HttpServer.connectionHandler}. Each HTTP/1.x connection gets its header, body and idle deadlines
 * (see {@link ConnectionLimits}); a connection over {@code maxConnections} is closed as soon as it is
 * accepted. Every close it makes is told to {@code closed} (for a metric); {@link #open()} counts the
 * connections open now.
 */
public final class ConnectionGuard implements Handler<HttpConnection> {

    /** The name of Vert.x's HTTP/1.x request decoder in a connection's pipeline. */
    static final String DECODER = "httpDecoder";

    /** The name of Vert.x's own handler, last in the pipeline. */
    static final String VERTX_HANDLER = "handler";

    private final ConnectionLimits limits;
    private final ErrorBodies bodies;
    private final Consumer<CloseReason> closed;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionGuard(ConnectionLimits limits, ErrorBodies bodies, Consumer<CloseReason> closed) {
        this.limits = requireNonNull(limits, "limits");
        this.bodies = requireNonNull(bodies, "bodies");
        this.closed = requireNonNull(closed, "closed");
    }

    /** Connections open now (those refused over the limit not counted). */
    public int open() {
        return open.get();
    }

    @Override
    public void handle(HttpConnection connection) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            closed.accept(CloseReason.LIMIT);
            connection.close();
            return;
        }
        if (!(connection instanceof ConnectionBase base)) {
            connection.closeHandler(v -> open.decrementAndGet());
            return;
        }
        Channel channel = base.channel();
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(DECODER) == null || pipeline.get(VERTX_HANDLER) == null) {
            return; // HTTP/2: no HTTP/1.x codec to watch; only counted
        }
        ConnectionPhases phases = new ConnectionPhases(limits, bodies, closed);
        pipeline.addBefore(VERTX_HANDLER, "shuntMessageWatch", new MessageWatch(phases));
        pipeline.addBefore(DECODER, "shuntRawBytesWatch", new RawBytesWatch(phases));
    }
}
