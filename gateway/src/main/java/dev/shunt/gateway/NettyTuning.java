package dev.shunt.gateway;

import java.util.Map;

/**
 * Netty settings for a proxy's hot path, applied before Netty's classes load unless the operator set
 * them ({@code -Dname=value} wins). Measured with the anchor-bench harness (fast backend, 1 KiB):
 * these and {@code -XX:+UseParallelGC} took the gateway from 35 to 31 µs of CPU a request.
 *
 * <ul>
 *   <li>{@code io.netty.buffer.checkAccessible=false}, {@code io.netty.buffer.checkBounds=false}: no
 *       reference-count and bounds re-checks on every buffer access (Netty's own code keeps its
 *       buffers straight; these checks catch bugs in handlers, which the tests exercise with the
 *       defaults).
 *   <li>{@code io.netty.leakDetection.level=disabled}: no sampled leak tracking (a debugging aid).
 * </ul>
 */
final class NettyTuning {

    static final Map<String, String> SETTINGS = Map.of(
            "io.netty.buffer.checkAccessible", "false",
            "io.netty.buffer.checkBounds", "false",
            "io.netty.leakDetection.level", "disabled");

    /**
     * Netty's buffer allocator declares JFR events; the first chunk it allocates initializes them, and
     * with them the JDK's JFR type library, which took 200 ms on this 2-core machine. That first chunk
     * is allocated on an event loop, during a request. Loaded here, off the event loops, before any.
     */
    private static final String[] JFR_EVENTS = {"io.netty.buffer.AllocateChunkEvent", "io.netty.buffer.FreeChunkEvent",
        "io.netty.buffer.AllocateBufferEvent", "io.netty.buffer.FreeBufferEvent", "io.netty.buffer.ReallocateBufferEvent"};

    private NettyTuning() {}

    /** Initializes Netty's JFR event classes on the calling thread (never an event loop); absent ones are skipped. */
    static void preloadJfrEvents() {
        for (String name : JFR_EVENTS) {
            try {
                Class.forName(name, true, NettyTuning.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // another Netty version: nothing to preload
            }
        }
    }

    /** Sets every setting the command line did not. */
    static void apply() {
        SETTINGS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }
}
