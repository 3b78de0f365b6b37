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
 * What mirroring costs the primary: one cpu-backend behind the gateway with no mirroring, with 100%
 * mirrored to a shadow as fast as the primary (a second cpu-backend), and with 100% mirrored to a
 * shadow that answers after 200 ms; the same three with nginx's {@code mirror} when nginx is installed.
 * Closed-loop senders, interleaved rounds; each row is compared with its own proxy without mirroring.
 */
final class MirrorBenchmark {

    private MirrorBenchmark() {}

    static Section measure(Path backendJar, Path gatewayJar, int concurrency, BenchOptions options) throws Exception {
        options.validate();
        Path dir = options.logs.toAbsolutePath();
        Files.createDirectories(dir.resolve("tmp"));
        List<AutoCloseable> started = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            ServerProcess primary = ServerProcess.start("primary", backendJar, List.of("--model", "mlp"), dir);
            started.add(primary);
            ServerProcess fast = ServerProcess.start("fast-shadow", backendJar, List.of("--model", "mlp"), dir);
            started.add(fast);
            DelayServer slow = DelayServer.start(vertx, Duration.ofMillis(200));
            started.add(slow);
            Map<String, Integer> ports = new LinkedHashMap<>();
            String[][] variants = {{"shunt", null, null}, {"shunt-mirror-fast", "127.0.0.1:" + fast.port(), "http1"},
                {"shunt-mirror-200ms", "127.0.0.1:" + slow.port(), "http1"},
                {"shunt-mirror-200ms-h2c", "127.0.0.1:" + slow.port(), "h2c"}};
            for (String[] v : variants) {
                ServerProcess gateway = ServerProcess.startGateway(v[0], gatewayJar,
                        port -> gatewayConfig(port, primary.port(), v[1], v[2]), dir);
                started.add(gateway);
                ports.put(v[0], gateway.port());
            }
            boolean nginx = ProxyConfigs.installed("nginx");
            if (nginx) {
                String[][] nginxVariants = {{"nginx", null}, {"nginx-mirror-fast", Integer.toString(fast.port())},
                    {"nginx-mirror-200ms", Integer.toString(slow.port())}};
                for (String[] v : nginxVariants) {
                    int port = ServerProcess.freePort();
                    Path conf = dir.resolve(v[0] + ".conf");
                    Files.createDirectories(dir.resolve(v[0]).resolve("tmp"));
                    Files.writeString(conf, v[1] == null ? ProxyConfigs.nginx(port, primary.port())
                            : ProxyConfigs.nginxMirror(port, primary.port(), Integer.parseInt(v[1])));
                    started.add(ServerProcess.launch(v[0], List.of("nginx", "-p", dir.resolve(v[0]).toString(), "-c",
                            conf.toString(), "-g", "daemon off;"), port, dir));
                    ports.put(v[0], port);
                }
            }
            var body = RequestBodies.forModel("mlp", 1, 1);
            List<SideBySide.Target> targets = new ArrayList<>();
            ports.forEach((name, port) -> targets.add(new SideBySide.Target(name, port, "/v2/models/mlp/infer", body,
                    Map.of("Content-Type", "application/json"))));
            System.out.printf("mirroring: %d targets x (%d s warm-up + %d rounds x %d s)%n", targets.size(),
                    options.warmupSeconds, options.rounds, options.roundSeconds);
            var results = new SideBySide(vertx, System.out).run(targets, concurrency,
                    Duration.ofSeconds(options.warmupSeconds), Duration.ofSeconds(options.roundSeconds), options.rounds);
            Map<String, MirrorShare> shares = new LinkedHashMap<>();
            for (String[] v : variants) {
                if (v[1] != null) {
                    shares.put(v[0], MirrorShare.scrape(ports.get(v[0])));
                }
            }
            String markdown = "## Mirroring cost\n\nOne cpu-backend (mlp, 1 row) behind each proxy with no mirroring, "
                    + "100% mirrored to a shadow as fast as the primary (a second cpu-backend), and 100% mirrored to a "
                    + "shadow answering after 200 ms" + (nginx ? "; Shunt and nginx `mirror`" : "; nginx not installed, Shunt only")
                    + ". Shunt's mirror: `timeout: 2s`; over HTTP/1.1 `maxInFlight: 256` (each copy holds a connection), "
                    + "over h2c `maxInFlight: 4096` (copies multiplexed on 16 connections per edge). **mirrored** is the "
                    + "share of the gateway's requests whose copy the shadow answered, from the gateway's own counters "
                    + "(warm-up included); nginx's share is not counted here (anchor-bench's *mirrored %* counts it at "
                    + "the shadow). Concurrency " + concurrency + ", " + options.rounds + " interleaved rounds of "
                    + options.roundSeconds + " s, medians.\n\n" + table(results, shares);
            return new Section("mirroring", markdown, List.of(
                    Figure.throughput("mirroring-throughput.svg", "Mirroring: primary throughput", results),
                    Figure.latency("mirroring-latency.svg", "Mirroring: primary latency", results)));
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            vertx.close();
        }
    }

    static String table(Map<String, List<LoadResult>> results, Map<String, MirrorShare> shares) {
        StringBuilder sb = new StringBuilder("| target | req/s | x its no-mirror | mirrored | p50 ms | p99 ms | errors |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((name, rounds) -> {
            String base = name.startsWith("nginx") ? "nginx" : "shunt";
            double t = Report.median(rounds, LoadResult::throughput);
            double t0 = Report.median(results.get(base), LoadResult::throughput);
            MirrorShare share = shares.get(name);
            String mirrored = name.equals(base) ? "–" : share == null ? "not counted"
                    : String.format(Locale.ROOT, "%.1f%%", 100 * share.delivered());
            sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %s | %.2f | %.2f | %d |%n", name, t, t / t0,
                    mirrored, Report.median(rounds, LoadResult::p50Ms), Report.median(rounds, LoadResult::p99Ms),
                    rounds.stream().mapToLong(LoadResult::errors).sum()));
        });
        return sb.toString();
    }

    static String gatewayConfig(int port, int primary, String shadow, String protocol) {
        String yaml = """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 2}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], maxInFlightPerBackend: 1024, maxConnectionsPerBackend: 128}
                """.formatted(port, primary);
        if (shadow != null) {
            yaml += "  staging: {backends: [\"" + shadow + "\"], maxInFlightPerBackend: 4096, healthCheck: {interval: 1h}}\n";
        }
        yaml += """
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    shedding: {batch: 1.0, standard: 1.0, realtime: 1.0}
                """;
        if (shadow != null) {
            int inFlight = "h2c".equals(protocol) ? 4096 : 256;
            yaml += "    mirror: {pool: staging, percent: 100, maxInFlight: " + inFlight + ", timeout: 2s, protocol: "
                    + protocol + "}\n";
        }
        return yaml;
    }
}
