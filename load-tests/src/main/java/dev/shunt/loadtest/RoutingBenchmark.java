package dev.shunt.loadtest;

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
 * What routing buys: the same mixed open-model load (small realtime requests and large batch ones)
 * through four gateways in front of the same cpu-backend and gpu-backend: hybrid routing (realtime
 * and small to the CPU pool, batch and large to the batching pool, each spilling to the other), all
 * to the CPU pool, all to the batching pool, and the {@code slo} policy with each pool's prior from its
 * measured curve file ({@code load-tests/curves/cpu-mlp.csv}, {@code gpu-on-cpu-mlp.csv}). Interleaved rounds; per class p50/p99 from the due time
 * (coordinated omission corrected) and the share answered 2xx (deadlines: realtime 200 ms, batch 30 s).
 */
final class RoutingBenchmark {

    /** The policies compared, as gateway routes; {@code %CURVES%} stands for the curve files' folder. */
    static final Map<String, Gateway> POLICIES = policies();

    /**
     * One gateway of the comparison.
     *
     * @param pools more fields for the {@code cpu} and {@code gpu} pool mappings, one string each, with a
     *     leading comma, or empty
     * @param route the route's {@code policy} lines
     */
    record Gateway(String cpuPool, String gpuPool, String route) {}

    private RoutingBenchmark() {}

    static int run(Path cpuJar, Path gpuJar, Path gatewayJar, long rate, int batchRows, BenchOptions options)
            throws Exception {
        return options.publish(measure(cpuJar, gpuJar, gatewayJar, rate, batchRows, options));
    }

    /** Runs it and gives the report section: the table and a chart of each class's p50/p99 per policy. */
    static Section measure(Path cpuJar, Path gpuJar, Path gatewayJar, long rate, int batchRows, BenchOptions options)
            throws Exception {
        options.validate();
        Path dir = options.logs.toAbsolutePath();
        Files.createDirectories(dir);
        List<ServerProcess> started = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            ServerProcess cpu = ServerProcess.start("cpu-backend", cpuJar, List.of("--model", "mlp"), dir);
            started.add(cpu);
            ServerProcess gpu = ServerProcess.start("gpu-backend", gpuJar,
                    List.of("--model", "mlp", "--max-batch-size", "32", "--max-queue-delay", "5ms"), dir);
            started.add(gpu);
            Map<String, Integer> gateways = new LinkedHashMap<>();
            for (var policy : POLICIES.entrySet()) {
                ServerProcess gateway = ServerProcess.startGateway("shunt-" + policy.getKey(), gatewayJar,
                        port -> gatewayConfig(port, cpu.port(), gpu.port(), policy.getValue(), curves()), dir);
                started.add(gateway);
                gateways.put(policy.getKey(), gateway.port());
            }
            List<RequestKind> mix = List.of(RequestKind.mlp("realtime", 3, 1, 1), RequestKind.mlp("batch", 1, batchRows, 2));
            Duration warmup = Duration.ofSeconds(options.warmupSeconds);
            Duration round = Duration.ofSeconds(options.roundSeconds);
            System.out.printf("routing: %d policies x (%d s warm-up + %d rounds x %d s) at %d req/s%n", gateways.size(),
                    options.warmupSeconds, options.rounds, options.roundSeconds, rate);
            OpenLoopLoad load = new OpenLoopLoad(vertx);
            for (var g : gateways.entrySet()) {
                load.run(g.getValue(), mix, s -> rate, warmup, 1024, (s, st, f) -> { });
            }
            Map<String, List<OpenLoopStats>> results = new LinkedHashMap<>();
            gateways.keySet().forEach(name -> results.put(name, new ArrayList<>()));
            for (int r = 0; r < options.rounds; r++) {
                List<String> order = new ArrayList<>(gateways.keySet());
                if (r % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String name : order) {
                    OpenLoopStats stats = load.run(gateways.get(name), mix, s -> rate, round, 1024, (s, st, f) -> { });
                    results.get(name).add(stats);
                    var rt = stats.byKind().get("realtime");
                    var bt = stats.byKind().get("batch");
                    System.out.printf(Locale.ROOT, "round %d %-8s realtime p99 %8.2f ms ok %5.1f%%   batch p99 %8.2f ms ok %5.1f%%%n",
                            r + 1, name, rt.p99Ms(), rt.okShare() * 100, bt.p99Ms(), bt.okShare() * 100);
                }
            }
            StringBuilder decisions = new StringBuilder("\n\nRouting decisions by reason (`shunt_route_decisions_total`, "
                    + "warm-up included):\n\n");
            for (var g : gateways.entrySet()) {
                decisions.append("- ").append(g.getKey()).append(": ")
                        .append(RouteDecisions.describe(RouteDecisions.fetch(g.getValue()))).append('\n');
            }
            String report = "## Routing policies: hybrid vs all-CPU vs all-batching vs slo\n\n"
                    + "One cpu-backend and one gpu-backend (batching, max 32, 5 ms; on the CPU here) behind four gateways "
                    + "that differ only in their route (slo: also `costPerHour` cpu 0.40, gpu 2.50 and each pool's "
                    + "`latency.curve`, the measured `cpu-mlp.csv` and `gpu-on-cpu-mlp.csv`; cpu concurrency 2, gpu "
                    + "batching). Open-model load at " + rate + " req/s: 75% realtime requests of "
                    + "1 row, 25% batch requests of " + batchRows + " rows; " + options.rounds + " interleaved rounds of "
                    + options.roundSeconds + " s after " + options.warmupSeconds + " s of warm-up each; medians over "
                    + "rounds. Latency from the due time (coordinated omission corrected); *ok* is the share answered 2xx "
                    + "(realtime deadline 200 ms, batch 30 s).\n\n" + table(results, "all-cpu") + decisions;
            return new Section("routing", report, List.of(figure(results, "realtime"), figure(results, "batch")));
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            vertx.close();
        }
    }

    static String table(Map<String, List<OpenLoopStats>> results, String baseline) {
        double baseRt = median(results.get(baseline), "realtime", OpenLoopStats.KindSummary::p99Ms);
        double baseBt = median(results.get(baseline), "batch", OpenLoopStats.KindSummary::p99Ms);
        StringBuilder sb = new StringBuilder("| policy | realtime p50 ms | realtime p99 ms | realtime ok | batch p50 ms "
                + "| batch p99 ms | batch ok | realtime p99 vs " + baseline + " | batch p99 vs " + baseline + " |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((name, rounds) -> {
            double rt99 = median(rounds, "realtime", OpenLoopStats.KindSummary::p99Ms);
            double bt99 = median(rounds, "batch", OpenLoopStats.KindSummary::p99Ms);
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.1f%% | %.2f | %.2f | %.1f%% | %.2fx | %.2fx |%n",
                    name, median(rounds, "realtime", OpenLoopStats.KindSummary::p50Ms), rt99,
                    100 * median(rounds, "realtime", OpenLoopStats.KindSummary::okShare),
                    median(rounds, "batch", OpenLoopStats.KindSummary::p50Ms), bt99,
                    100 * median(rounds, "batch", OpenLoopStats.KindSummary::okShare), rt99 / baseRt, bt99 / baseBt));
        });
        return sb.toString();
    }

    private static Figure figure(Map<String, List<OpenLoopStats>> results, String kind) {
        List<String> labels = List.copyOf(results.keySet());
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("p50", labels.stream().map(l -> median(results.get(l), kind, OpenLoopStats.KindSummary::p50Ms)).toList());
        series.put("p99", labels.stream().map(l -> median(results.get(l), kind, OpenLoopStats.KindSummary::p99Ms)).toList());
        return new Figure("routing-" + kind + "-latency.svg", "Routing policies: " + kind + " latency", "ms", labels, series);
    }

    private static double median(List<OpenLoopStats> rounds, String kind,
            java.util.function.ToDoubleFunction<OpenLoopStats.KindSummary> figure) {
        return Report.median(rounds.stream().map(s -> figure.applyAsDouble(s.byKind().get(kind))).toList());
    }

    private static Map<String, Gateway> policies() {
        Map<String, Gateway> p = new LinkedHashMap<>();
        p.put("hybrid", new Gateway("", "", """
                    policy:
                      type: rules
                      rules:
                        - {name: realtime, classes: [realtime], pool: cpu, spill: gpu}
                        - {name: batch, classes: [batch], pool: gpu, spill: cpu}
                        - {name: small, maxRows: 4, pool: cpu, spill: gpu}
                        - {name: large, pool: gpu, spill: cpu}
                """));
        p.put("all-cpu", new Gateway("", "", """
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                """));
        p.put("all-gpu", new Gateway("", "", """
                    policy: {type: rules, rules: [{name: all, pool: gpu}]}
                """));
        p.put("slo", new Gateway(
                ", costPerHour: 0.40, latency: {curve: \"%CURVES%/cpu-mlp.csv\", concurrency: 2}",
                ", costPerHour: 2.50, latency: {curve: \"%CURVES%/gpu-on-cpu-mlp.csv\", batching: true}", """
                    policy: {type: slo, pools: [cpu, gpu]}
                """));
        return p;
    }

    /** The curve files' folder: {@code load-tests/curves} under {@code -Dshunt.home} or the working directory. */
    static Path curves() {
        Path dir = Path.of(System.getProperty("shunt.home", "."), "load-tests", "curves").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " does not exist (expected: run from the repository root)");
        }
        return dir;
    }

    static String gatewayConfig(int port, int cpu, int gpu, Gateway gateway, Path curves) {
        return """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], maxInFlightPerBackend: 256%s}
                  gpu: {backends: ["127.0.0.1:%d"], maxInFlightPerBackend: 256%s}
                routes:
                  - name: default
                %s    shedding: {batch: 1.0, standard: 1.0, realtime: 1.0}
                resilience:
                  classDeadlines: {realtime: 200ms, standard: 2s, batch: 30s}
                """.formatted(port, cpu, gateway.cpuPool(), gpu, gateway.gpuPool(), gateway.route())
                .replace("%CURVES%", curves.toString());
    }
}
