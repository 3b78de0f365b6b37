package dev.shunt.connection;

import dev.shunt.vocabulary.Durations;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection's phase (idle, reading headers, reading a body, being answered) and the deadline of the
 * phase it is in. A single timer per connection, and only moved earlier: the request path writes a
 * deadline, it does not schedule and cancel timers for every request. Runs on the channel's event loop.
 */
final class ConnectionPhases {

    enum Phase { IDLE, HEADERS, BODY, ANSWERING }

    private final ConnectionLimits limits;
    private final ErrorBodies bodies;
    private final Consumer<CloseReason> closed;
    private ChannelHandlerContext raw;
    private Phase phase = Phase.IDLE;
    private long deadline;
    private ScheduledFuture<?> timer;
    private long timerAt;
    private int unanswered;
    private boolean responding;
    private boolean bytesWhileAnswering;
    private boolean done;

    ConnectionPhases(ConnectionLimits limits, ErrorBodies bodies, Consumer<CloseReason> closed) {
        this.limits = limits;
        this.bodies = bodies;
        this.closed = closed;
    }

    /** The context under the HTTP codec, where answers are written as bytes; starts the idle deadline. */
    void start(ChannelHandlerContext rawContext) {
        this.raw = rawContext;
        enter(Phase.IDLE);
    }

    void bytesIn() {
        if (phase == Phase.IDLE) {
            enter(Phase.HEADERS);
        } else if (phase == Phase.ANSWERING) {
            bytesWhileAnswering = true; // a pipelined request: its headers' deadline starts once this answer ends
        }
    }

    void requestHead() {
        unanswered++;
        bytesWhileAnswering = false;
        enter(Phase.BODY);
    }

    void requestEnd() {
        if (phase == Phase.BODY) {
            enter(unanswered > 0 ? Phase.ANSWERING : next());
        }
    }

    void responseHead() {
        responding = true;
    }

    void responseEnd() {
        responding = false;
        unanswered = Math.max(0, unanswered - 1);
        if (unanswered == 0 && phase == Phase.ANSWERING) {
            enter(next());
        }
    }

    /** A request the codec cannot read on: answered {@code 400} when nothing else is being answered, then closed. */
    void refuse(String message) {
        end(CloseReason.BAD_CHUNK, 400, "Bad Request", message);
    }

    void stop() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private Phase next() {
        return bytesWhileAnswering ? Phase.HEADERS : Phase.IDLE;
    }

    private void enter(Phase next) {
        phase = next;
        Duration timeout = timeout(next);
        if (timeout == null || done) {
            return;
        }
        long now = System.nanoTime();
        deadline = now + timeout.toNanos();
        if (timer == null || deadline - timerAt < 0) {
            if (timer != null) {
                timer.cancel(false);
            }
            schedule(now, timeout.toNanos());
        }
    }

    private void schedule(long now, long delayNanos) {
        timerAt = now + delayNanos;
        timer = raw.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (done || phase == Phase.ANSWERING) {
            return;
        }
        long now = System.nanoTime();
        long left = deadline - now;
        if (left > 0) {
            schedule(now, left);
            return;
        }
        if (raw.pipeline().get(ConnectionGuard.DECODER) == null) {
            stop(); // upgraded away from HTTP/1.x (h2c): the limits here no longer describe it
            return;
        }
        switch (phase) {
            case HEADERS -> end(CloseReason.HEADER_TIMEOUT, 408, "Request Timeout",
                    "request headers not complete within " + Durations.format(limits.headerTimeout()));
            case BODY -> end(CloseReason.BODY_TIMEOUT, 408, "Request Timeout",
                    "request body not complete within " + Durations.format(limits.bodyTimeout()));
            default -> end(CloseReason.IDLE, 0, null, null); // nothing was asked: nothing to answer
        }
    }

    private void end(CloseReason reason, int status, String phrase, String message) {
        boolean canAnswer = status > 0 && !responding && unanswered == (phase == Phase.BODY ? 1 : 0);
        stop();
        closed.accept(reason);
        if (canAnswer) {
            raw.writeAndFlush(RawAnswer.of(status, phrase, bodies.json(message))).addListener(ChannelFutureListener.CLOSE);
        } else {
            raw.close();
        }
    }

    private Duration timeout(Phase p) {
        return switch (p) {
            case IDLE -> limits.idleTimeout();
            case HEADERS -> limits.headerTimeout();
            case BODY -> limits.bodyTimeout();
            case ANSWERING -> null;
        };
    }
}
