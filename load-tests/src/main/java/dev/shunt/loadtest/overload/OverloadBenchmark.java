package dev.shunt.loadtest.overload;

import dev.shunt.loadtest.ClosedLoopLoad;
import dev.shunt.loadtest.LoadResult;
import dev.shunt.loadtest.RequestKind;
import dev.shunt.loadtest.Section;
import dev.shunt.loadtest.ServerProcess;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Overload: one cpu-backend (mlp, 2 workers of 1 thread) behind two gateways that differ in one route
 * setting, {@code plain} (the defaults) and {@code admission} ({@code rejectUnmeetable: true}). First the
 * capacity of the mix (90% realtime requests of 1 row, 10% batch requests of 64 rows) is measured closed
 * loop through {@code plain}; then each gateway in turn gets open-model load at 1x, 3x and 0.5x of it
 * with no pause between phases, the first seconds of 0.5x reported apart (recovery). Per phase: what the
 * client got, the latency of the admitted realtime requests at the client and in the gateway's own
 * histogram side by side, late answers at both, the heap after a full collection.
 */
public final class OverloadBenchmark {

    static final long REALTIME_DEADLINE_MS = 200;
    static final long BATCH_DEADLINE_MS = 30_000;

    /**
     * The run's settings.
     *
     * @param phaseSeconds 1x, 3x, recovery window, rest of 0.5x
     */
    public record Settings(int batchRows, int workers, List<Integer> phaseSeconds, int maxInFlight) {}

    private OverloadBenchmark() {}

    public static Section measure(Path cpuJar, Path gatewayJar, Path logs, Settings settings) throws Exception {
        Path dir = logs.toAbsolutePath();
        Files.createDirectories(dir);
        List<ServerProcess> started = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            ServerProcess cpu = ServerProcess.start("overload-cpu", cpuJar, List.of("--model", "mlp", "--workers",
                    Integer.toString(settings.workers()), "--threads", "1"), dir);
            started.add(cpu);
            Map<String, ServerProcess> gateways = new LinkedHashMap<>();
            for (String name : List.of("plain", "admission")) {
                ServerProcess gateway = ServerProcess.startGateway("overload-" + name, gatewayJar,
                        port -> gatewayConfig(port, cpu.port(), settings.workers(), name.equals("admission")), dir);
                started.add(gateway);
                gateways.put(name, gateway);
            }
            RequestKind realtime = RequestKind.mlp("realtime", 9, 1, 1);
            RequestKind batch = RequestKind.mlp("batch", 1, settings.batchRows(), 2);
            List<Phase> phases = phases(settings.phaseSeconds());
            Map<String, Long> deadlines = Map.of("realtime", REALTIME_DEADLINE_MS * 1000, "batch", BATCH_DEADLINE_MS * 1000);
            Map<String, Run> runs = new LinkedHashMap<>();
            // every JVM warm before any capacity is measured: the first gateway's was measured on a cold JIT
            ClosedLoopLoad warmUp = new ClosedLoopLoad(vertx);
            for (var g : gateways.entrySet()) {
                warmUp.run(g.getValue().port(), realtime.path(), realtime.body(), realtime.headers(), 8, WARM_UP);
                warmUp.run(g.getValue().port(), batch.path(), batch.body(), batch.headers(), 2, WARM_UP);
            }
            for (var g : gateways.entrySet()) {
                int port = g.getValue().port();
                // measured right before the gateway's own run: the machine's other work moves it
                Capacity capacity = capacity(vertx, port, realtime, batch);
                System.out.printf(Locale.ROOT, "%s: capacity realtime %.0f/s, batch %.1f/s, mix %.0f/s%n", g.getKey(),
                        capacity.realtime(), capacity.batch(), capacity.mix());
                try (PhasedLoad load = new PhasedLoad(vertx, port, settings.maxInFlight());
                        GatewayWatch watch = new GatewayWatch(port, g.getValue().pid(), "realtime")) {
                    load.run(List.of(realtime, batch), deadlines, capacity.mix(),
                            List.of(new Phase("warm-up", 1, Duration.ofSeconds(2))), i -> { });
                    List<PhaseStats> stats = load.run(List.of(realtime, batch), deadlines, capacity.mix(), phases,
                            i -> watch.phaseBegins(i, phases));
                    watch.await(phases.size() + 1, phases.size());
                    List<GatewayFigures> figures = new ArrayList<>();
                    List<Double> heap = new ArrayList<>();
                    for (int i = 0; i < phases.size(); i++) {
                        figures.add(watch.phase(i));
                        heap.add(watch.heapMib(i));
                    }
                    runs.put(g.getKey(), new Run(capacity, stats, figures, heap));
                    print(g.getKey(), phases, runs.get(g.getKey()));
                }
            }
            return new Section("overload", OverloadReport.markdown(settings, phases, runs), List.of());
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            vertx.close();
        }
    }

    /** Closed-loop traffic through each gateway, realtime then batch, before the first capacity is measured. */
    static final Duration WARM_UP = Duration.ofSeconds(5);

    /** What one gateway's run gave: its capacity, the client's figures, the gateway's, the heap (MiB) per phase. */
    record Run(Capacity capacity, List<PhaseStats> client, List<GatewayFigures> gateway, List<Double> heapMib) {}

    /** Closed-loop throughput of each kind alone and of the mix (time shared by the kinds' weights). */
    record Capacity(double realtime, double batch, double mix) {}

    private static Capacity capacity(Vertx vertx, int port, RequestKind realtime, RequestKind batch) throws Exception {
        ClosedLoopLoad closed = new ClosedLoopLoad(vertx);
        closed.run(port, realtime.path(), realtime.body(), realtime.headers(), 8, Duration.ofSeconds(2));
        LoadResult rt = closed.run(port, realtime.path(), realtime.body(), realtime.headers(), 8, Duration.ofSeconds(3));
        LoadResult bt = closed.run(port, batch.path(), batch.body(), batch.headers(), 2, Duration.ofSeconds(3));
        double weights = realtime.weight() + batch.weight();
        double mix = 1 / (realtime.weight() / weights / rt.throughput() + batch.weight() / weights / bt.throughput());
        return new Capacity(rt.throughput(), bt.throughput(), mix);
    }

    static List<Phase> phases(List<Integer> seconds) {
        if (seconds.size() != 4) {
            throw new IllegalArgumentException("phase seconds: " + seconds + " (expected: 4 numbers: 1x, 3x, recovery, rest)");
        }
        return List.of(new Phase("1x", 1, Duration.ofSeconds(seconds.get(0))),
                new Phase("3x", 3, Duration.ofSeconds(seconds.get(1))),
                new Phase("0.5x, first " + seconds.get(2) + " s", 0.5, Duration.ofSeconds(seconds.get(2))),
                new Phase("0.5x, rest", 0.5, Duration.ofSeconds(seconds.get(3))));
    }

    private static void print(String gateway, List<Phase> phases, Run run) {
        double capacity = run.capacity().mix();
        for (int i = 0; i < phases.size(); i++) {
            PhaseStats c = run.client().get(i);
            GatewayFigures g = run.gateway().get(i);
            System.out.printf(Locale.ROOT, "%-9s %-16s %5.0f/s realtime %s p99 client %.1f gateway %.1f (upstream %.1f) ms late %d/%.0f"
                            + " shed %s batch %s heap %.0f MiB send lag p99 %.1f ms%n", gateway, phases.get(i).name(),
                    capacity * phases.get(i).multiple(), c.byStatus("realtime"), c.admittedMs("realtime", 99),
                    g.quantileMs(0.99), g.upstreamQuantileMs(0.99), c.late("realtime"), g.late(), g.outcomes() + " " + g.shed(),
                    c.byStatus("batch"), run.heapMib().get(i),
                    c.sendLagMs(99));
        }
    }

    static String gatewayConfig(int port, int cpu, int workers, boolean admission) {
        return """
                listener: {host: 127.0.0.1, port: %d}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], latency: {concurrency: %d}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                %s
                resilience:
                  classDeadlines: {realtime: %dms, standard: 2s, batch: %dms}
                """.formatted(port, cpu, workers, admission ? "    rejectUnmeetable: true" : "",
                REALTIME_DEADLINE_MS, BATCH_DEADLINE_MS);
    }
}
