package dev.shunt.loadtest;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a slowloris does to a normal client of the gateway: one cpu-backend behind one gateway; a closed-loop
 * client measured alone and with {@code slow} connections sending headers at one byte a second (replaced as
 * the gateway closes them), in interleaved rounds; the gateway's open descriptors before, during and after,
 * and how many slow connections its header timeout closed.
 */
final class SlowlorisBenchmark {

    private SlowlorisBenchmark() {}

    static Section measure(Path backendJar, Path gatewayJar, int slow, int concurrency, String headerTimeout,
            BenchOptions options) throws Exception {
        options.validate();
        Path dir = options.logs.toAbsolutePath();
        Files.createDirectories(dir);
        Vertx vertx = Vertx.vertx();
        try (ServerProcess backend = ServerProcess.start("slowloris-backend", backendJar, List.of("--model", "mlp"), dir);
                ServerProcess gateway = ServerProcess.startGateway("slowloris-gateway", gatewayJar,
                        port -> gatewayConfig(port, backend.port(), headerTimeout), dir)) {
            ClosedLoopLoad load = new ClosedLoopLoad(vertx);
            var body = RequestBodies.forModel("mlp", 1, 1);
            Map<String, String> headers = Map.of("Content-Type", "application/json");
            String path = "/v2/models/mlp/infer";
            System.out.printf("slowloris: warm-up %d s, then %d rounds x (%d s alone + %d s with %d slow connections)%n",
                    options.warmupSeconds, options.rounds, options.roundSeconds, options.roundSeconds, slow);
            load.run(gateway.port(), path, body, headers, concurrency, Duration.ofSeconds(options.warmupSeconds));
            long fdsBefore = descriptors(gateway.pid());
            List<LoadResult> alone = new ArrayList<>();
            List<LoadResult> attacked = new ArrayList<>();
            long fdsDuringMax = 0;
            long closedByServer = 0;
            long answered408 = 0;
            long refused = 0;
            SlowClients last = null;
            for (int round = 0; round < options.rounds; round++) {
                alone.add(load.run(gateway.port(), path, body, headers, concurrency,
                        Duration.ofSeconds(options.roundSeconds)));
                SlowClients clients = SlowClients.start(gateway.port(), slow);
                Thread.sleep(1000); // let the connections open
                DescriptorPeak peak = DescriptorPeak.start(gateway.pid());
                attacked.add(load.run(gateway.port(), path, body, headers, concurrency,
                        Duration.ofSeconds(options.roundSeconds)));
                fdsDuringMax = Math.max(fdsDuringMax, peak.stop());
                if (round < options.rounds - 1) {
                    clients.close();
                    closedByServer += clients.closedByServer();
                    answered408 += clients.answered408();
                    refused += clients.refusedConnects();
                } else {
                    last = clients;
                }
            }
            // the last wave is left open, no longer replaced: the header timeout alone must close it
            last.stopReplacing();
            long fdsLastWave = descriptors(gateway.pid());
            Duration timeout = dev.shunt.vocabulary.Durations.parse("--header-timeout", headerTimeout);
            Thread.sleep(timeout.toMillis() + 2000);
            long fdsAfter = descriptors(gateway.pid());
            last.close();
            closedByServer += last.closedByServer();
            answered408 += last.answered408();
            refused += last.refusedConnects();
            String metric = scrape(gateway.port(), "shunt_connections_closed_total{reason=\"header_timeout\"}");
            return new Section("slowloris", report(alone, attacked, slow, concurrency, headerTimeout, options,
                    new long[] {fdsBefore, fdsDuringMax, fdsLastWave, fdsAfter}, closedByServer, answered408, refused,
                    metric), List.of());
        } finally {
            vertx.close();
        }
    }

    static String gatewayConfig(int port, int backend, String headerTimeout) {
        return """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 2, headerTimeout: %s}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], maxInFlightPerBackend: 1024}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                """.formatted(port, headerTimeout, backend);
    }

    static long descriptors(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }

    private static String scrape(int port, String series) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> l.substring(series.length()).trim()).orElse("absent");
    }

    private static String report(List<LoadResult> alone, List<LoadResult> attacked, int slow, int concurrency,
            String headerTimeout, BenchOptions options, long[] fds, long closedByServer, long answered408, long refused,
            String metric) {
        double p99Alone = Report.median(alone, LoadResult::p99Ms);
        double p99Attacked = Report.median(attacked, LoadResult::p99Ms);
        StringBuilder sb = new StringBuilder("## Slowloris\n\n");
        sb.append("One cpu-backend (mlp, 1 row) behind one gateway (2 event loops, `listener.headerTimeout: ")
                .append(headerTimeout).append("`, every other limit at its default). A closed-loop client with ")
                .append(concurrency).append(" senders is measured alone and with ").append(slow)
                .append(" slowloris connections held open (each sends a request's headers at one byte a second and "
                        + "never finishes them; one the gateway closes is replaced at once), in ")
                .append(options.rounds).append(" interleaved rounds of ").append(options.roundSeconds)
                .append(" s after ").append(options.warmupSeconds).append(" s of warm-up; medians over rounds. "
                        + "All on one 2-core machine: the slow clients, the normal client, the gateway and the model "
                        + "server share the cores.\n\n");
        sb.append("| normal client | req/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|\n");
        row(sb, "alone", alone);
        row(sb, "with " + slow + " slow connections", attacked);
        sb.append(String.format(Locale.ROOT, "%n**p99 with the slowloris / alone: %.2f** (p50: %.2f).%n%n",
                p99Attacked / p99Alone, Report.median(attacked, LoadResult::p50Ms) / Report.median(alone, LoadResult::p50Ms)));
        sb.append("| the gateway's open descriptors (`/proc/<pid>/fd`) | count |\n|---|---:|\n");
        sb.append("| before (after warm-up) | ").append(fds[0]).append(" |\n");
        sb.append("| during the slowloris (highest sampled) | ").append(fds[1]).append(" |\n");
        sb.append("| last wave open, no longer replaced | ").append(fds[2]).append(" |\n");
        sb.append("| ").append(headerTimeout).append(" + 2 s later, the last wave still unclosed by its client | ")
                .append(fds[3]).append(" |\n\n");
        sb.append("Slow connections the gateway closed: ").append(closedByServer).append(" seen by the slow clients (")
                .append(answered408).append(" of them answered 408 first); the gateway's "
                        + "`shunt_connections_closed_total{reason=\"header_timeout\"}`: ").append(metric)
                .append(". Connects refused: ").append(refused).append(".\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, List<LoadResult> rounds) {
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d |%n", name,
                Report.median(rounds, LoadResult::throughput), Report.median(rounds, LoadResult::p50Ms),
                Report.median(rounds, LoadResult::p99Ms), rounds.stream().mapToLong(LoadResult::errors).sum()));
    }

    /** The highest descriptor count of a process, sampled every 200 ms on a thread of its own. */
    private static final class DescriptorPeak {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        private DescriptorPeak(long pid) {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        peak = Math.max(peak, descriptors(pid));
                        Thread.sleep(200);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, "descriptor-peak");
            thread.setDaemon(true);
        }

        static DescriptorPeak start(long pid) {
            DescriptorPeak p = new DescriptorPeak(pid);
            p.thread.start();
            return p;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join(2000);
            return peak;
        }
    }
}
