package dev.shunt.loadtest;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the same load against several servers in interleaved rounds (the order alternates every
 * round), one server loaded at a time, so that drift of a shared machine hits all of them alike.
 */
public final class SideBySide {

    /** A server under test and the request it gets. */
    public record Target(String name, int port, String path, Buffer body, Map<String, String> headers) {
        public Target {
            requireNonNull(name, "name");
            requireNonNull(path, "path");
            requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }

    private final Vertx vertx;
    private final PrintStream out;

    public SideBySide(Vertx vertx, PrintStream out) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.out = requireNonNull(out, "out");
    }

    /** Every round's result per target, in target order. */
    public Map<String, List<LoadResult>> run(List<Target> targets, int concurrency, Duration warmup, Duration round,
            int rounds) throws Exception {
        ClosedLoopLoad load = new ClosedLoopLoad(vertx);
        Map<String, List<LoadResult>> results = new LinkedHashMap<>();
        for (Target target : targets) {
            results.put(target.name(), new ArrayList<>());
            out.printf("warm-up %s (%d s)%n", target.name(), warmup.toSeconds());
            load.run(target.port(), target.path(), target.body(), target.headers(), concurrency, warmup);
        }
        for (int r = 0; r < rounds; r++) {
            List<Target> order = new ArrayList<>(targets);
            if (r % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Target target : order) {
                LoadResult result = load.run(target.port(), target.path(), target.body(), target.headers(),
                        concurrency, round);
                results.get(target.name()).add(result);
                out.printf("round %d %-16s %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  batch %5.2f  errors %s%n", r + 1,
                        target.name(), result.throughput(), result.p50Ms(), result.p99Ms(), result.meanBatchSize(),
                        result.errorsByStatus());
            }
        }
        return results;
    }

    /** Total wall time of a run, for the estimate printed before it starts. */
    public static Duration estimate(int targets, Duration warmup, Duration round, int rounds) {
        return warmup.multipliedBy(targets).plus(round.multipliedBy((long) targets * rounds));
    }
}
