package dev.shunt.backend.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x instance whose blocked-thread checker is strict (an event loop busy for more than
 * {@code maxEventLoopMs} counts) and records every report, so a test can assert no event loop blocked.
 */
public final class BlockedThreadWatch implements AutoCloseable {

    private final Vertx vertx;
    private final List<String> reports = new CopyOnWriteArrayList<>();

    public BlockedThreadWatch(long maxEventLoopMs) {
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(maxEventLoopMs)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event -> {
            if (event.thread().getName().contains("eventloop")) {
                StringBuilder where = new StringBuilder();
                StackTraceElement[] stack = event.thread().getStackTrace();
                for (int i = 0; i < Math.min(60, stack.length); i++) {
                    where.append("\n    at ").append(stack[i]);
                }
                reports.add(event.thread().getName() + " blocked for " + event.duration() / 1_000_000 + " ms" + where);
            }
        });
    }

    /** The watched Vert.x. */
    public Vertx vertx() {
        return vertx;
    }

    /** What the checker reported about event loop threads. */
    public List<String> eventLoopReports() {
        return List.copyOf(reports);
    }

    /**
     * The reports outside a verticle's start: a verticle is started once, on its event loop, before it
     * serves anything (routers built, classes loaded), and on a loaded machine that can take longer
     * than the limit; what counts is that serving never blocks.
     */
    public List<String> servingReports() {
        return reports.stream().filter(r -> !r.contains("io.vertx.core.VerticleBase.deploy")).toList();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
