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
 * The same load on one real model server directly, through the Shunt gateway, through nginx and
 * through HAProxy (plain reverse proxies), in interleaved rounds: throughput as a share of direct
 * and the latency each hop adds.
 */
final class ProxyBenchmark {

    private ProxyBenchmark() {}

    static int run(Path backendJar, Path gatewayJar, String model, int rows, int concurrency, BenchOptions options)
            throws Exception {
        return options.publish(measure(backendJar, gatewayJar, model, rows, concurrency, options));
    }

    /** Runs it and gives the report section. */
    static Section measure(Path backendJar, Path gatewayJar, String model, int rows, int concurrency, BenchOptions options)
            throws Exception {
        options.validate();
        Path dir = options.logs.toAbsolutePath();
        Files.createDirectories(dir.resolve("tmp"));
        List<ServerProcess> started = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            ServerProcess backend = ServerProcess.start("backend", backendJar, List.of("--model", model), dir);
            started.add(backend);
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("direct", backend.port());

            ServerProcess shunt = ServerProcess.startGateway("shunt", gatewayJar,
                    port -> ProxyConfigs.gateway(port, backend.port()), dir);
            started.add(shunt);
            ports.put("shunt", shunt.port());

            int ng = ServerProcess.freePort();
            Files.writeString(dir.resolve("nginx.conf"), ProxyConfigs.nginx(ng, backend.port()));
            started.add(ServerProcess.launch("nginx", List.of("nginx", "-p", dir.toString(), "-c",
                    dir.resolve("nginx.conf").toString(), "-g", "daemon off;"), ng, dir));
            ports.put("nginx", ng);

            int ha = ServerProcess.freePort();
            Files.writeString(dir.resolve("haproxy.cfg"), ProxyConfigs.haproxy(ha, backend.port()));
            started.add(ServerProcess.launch("haproxy", List.of("haproxy", "-db", "-f", dir.resolve("haproxy.cfg").toString()),
                    ha, dir));
            ports.put("haproxy", ha);

            var body = RequestBodies.forModel(model, rows, 1);
            List<SideBySide.Target> targets = new ArrayList<>();
            ports.forEach((name, port) -> targets.add(new SideBySide.Target(name, port, "/v2/models/" + model + "/infer",
                    body, Map.of("Content-Type", "application/json"))));
            System.out.printf("proxies: 4 targets x (%d s warm-up + %d rounds x %d s)%n", options.warmupSeconds,
                    options.rounds, options.roundSeconds);
            var results = new SideBySide(vertx, System.out).run(targets, concurrency,
                    Duration.ofSeconds(options.warmupSeconds), Duration.ofSeconds(options.roundSeconds), options.rounds);
            String report = "## Gateway vs nginx vs HAProxy\n\nOne cpu-backend (" + model + ", " + rows
                    + " row(s) per request) directly and through each proxy; concurrency " + concurrency + ", "
                    + options.rounds + " interleaved rounds of " + options.roundSeconds + " s, medians.\n\n"
                    + table(results) + "\n" + Report.table(results, Map.of(), "direct");
            return new Section("proxies", report, List.of(
                    Figure.throughput("proxies-throughput.svg", "Direct vs through each proxy: throughput", results),
                    Figure.latency("proxies-latency.svg", "Direct vs through each proxy: latency", results)));
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            vertx.close();
        }
    }

    /** Share of direct throughput and added latency, per target. */
    static String table(Map<String, List<LoadResult>> results) {
        List<LoadResult> direct = results.get("direct");
        double t0 = Report.median(direct, LoadResult::throughput);
        double p50 = Report.median(direct, LoadResult::p50Ms);
        double p99 = Report.median(direct, LoadResult::p99Ms);
        StringBuilder sb = new StringBuilder("| target | req/s | x direct | p50 ms | +p50 ms | p99 ms | +p99 ms | errors |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        results.forEach((name, rounds) -> {
            double t = Report.median(rounds, LoadResult::throughput);
            double a = Report.median(rounds, LoadResult::p50Ms);
            double b = Report.median(rounds, LoadResult::p99Ms);
            sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %+.2f | %.2f | %+.2f | %d |%n", name, t, t / t0,
                    a, a - p50, b, b - p99, rounds.stream().mapToLong(LoadResult::errors).sum()));
        });
        return sb.toString();
    }
}
