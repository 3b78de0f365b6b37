package dev.shunt.loadtest;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A model server's latency curve measured from the real process: one server, requests of N rows sent
 * one at a time (closed loop, concurrency 1) for each N, sizes interleaved in rounds so that a burst of
 * other work on the machine touches every size alike. The server's own {@code X-Compute-Ms} (the model's
 * forward pass alone) and the client-side time go into HdrHistograms; the CSV carries p50/p99 of compute
 * time per batch size in the simulator's format, with {@code #} comments saying where it came from.
 */
final class CurveMeasurement {

    /** What to measure. */
    record Plan(String poolKind, String model, List<Integer> sizes, int warmup, int count, Duration perSize, int rounds) {
        Plan {
            requireNonNull(poolKind, "poolKind");
            requireNonNull(model, "model");
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 1)) {
                throw new IllegalArgumentException("--sizes: " + sizes + " (expected: at least one, each > 0)");
            }
            if (!sizes.equals(sizes.stream().sorted().distinct().toList())) {
                throw new IllegalArgumentException("--sizes: " + sizes + " (expected: increasing, distinct)");
            }
            if (warmup < 0 || count < 1 || rounds < 1 || perSize.isNegative() || perSize.isZero()) {
                throw new IllegalArgumentException("--warmup >= 0, --count > 0, --rounds > 0, --seconds > 0 (got "
                        + warmup + ", " + count + ", " + rounds + ", " + perSize.toSeconds() + ")");
            }
        }
    }

    /** One batch size's histograms, in microseconds. */
    record Sizes(Map<Integer, Histogram> compute, Map<Integer, Histogram> client) {}

    private CurveMeasurement() {}

    /** Starts the server, measures, writes {@code out} (when given) and prints the CSV. */
    static int run(Path jar, List<String> serverArgs, Plan plan, String commandLine, Path out, Path logs)
            throws Exception {
        Files.createDirectories(logs);
        List<String> args = new ArrayList<>(List.of("--model", plan.model()));
        args.addAll(serverArgs);
        String loadBefore = loadAverage();
        Sizes sizes;
        try (ServerProcess server = ServerProcess.start("curves-" + plan.poolKind() + "-" + plan.model(), jar, args,
                logs.toAbsolutePath())) {
            sizes = measure(server.port(), plan);
        }
        String csv = csv(plan, sizes, List.of(
                "command: " + commandLine,
                "server: java -jar " + jar.getFileName() + " " + String.join(" ", args),
                "date: " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                "machine: " + Runtime.getRuntime().availableProcessors() + " cores (shared with the load generator and "
                        + "anything else running), " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                        + ", Java " + Runtime.version().feature(),
                "load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAverage()));
        System.out.print(csv);
        if (out != null) {
            Files.writeString(out, csv);
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return String.join(" ", parts[0], parts[1], parts[2]);
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static Sizes measure(int port, Plan plan) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v2/models/" + plan.model() + "/infer");
        Map<Integer, byte[]> bodies = new LinkedHashMap<>();
        Map<Integer, Histogram> compute = new LinkedHashMap<>();
        Map<Integer, Histogram> client = new LinkedHashMap<>();
        for (int n : plan.sizes()) {
            bodies.put(n, RequestBodies.forModel(plan.model(), n, n).getBytes());
            compute.put(n, new Histogram(3_600_000_000L, 3));
            client.put(n, new Histogram(3_600_000_000L, 3));
            for (int i = 0; i < plan.warmup(); i++) {
                send(http, uri, bodies.get(n), null, null);
            }
        }
        int perRound = Math.max(1, plan.count() / plan.rounds());
        Duration roundTime = plan.perSize().dividedBy(plan.rounds());
        for (int r = 0; r < plan.rounds(); r++) {
            for (int n : plan.sizes()) {
                long until = System.nanoTime() + roundTime.toNanos();
                for (int i = 0; i < perRound && (i == 0 || System.nanoTime() < until); i++) {
                    send(http, uri, bodies.get(n), compute.get(n), client.get(n));
                }
            }
            System.out.printf(Locale.ROOT, "round %d/%d done%n", r + 1, plan.rounds());
        }
        return new Sizes(compute, client);
    }

    private static void send(HttpClient http, URI uri, byte[] body, Histogram compute, Histogram client)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        long micros = (System.nanoTime() - start) / 1000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + ": status " + response.statusCode() + " (expected: 200)");
        }
        if (compute == null) {
            return;
        }
        String ms = response.headers().firstValue(dev.shunt.vocabulary.ShuntHeaders.COMPUTE_MS)
                .orElseThrow(() -> new IllegalStateException(uri + ": no X-Compute-Ms header"));
        compute.recordValue(Math.max(1, Math.round(Double.parseDouble(ms) * 1000)));
        client.recordValue(Math.max(1, micros));
    }

    /** The curve file: comments (source, the given lines, per size counts and client times), header, rows. */
    static String csv(Plan plan, Sizes sizes, List<String> provenance) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# %s, model %s: compute time (the server's X-Compute-Ms, the forward pass "
                + "alone) of one request of N rows sent alone (closed loop, concurrency 1).%n", plan.poolKind(), plan.model()));
        sb.append("# source: measured from the real server by `shunt-load-tests.jar curves`, HdrHistogram p50/p99 per size\n");
        provenance.forEach(line -> sb.append("#   ").append(line).append('\n'));
        sb.append(String.format(Locale.ROOT, "#   per size: %d warm-up requests, then %d rounds (sizes interleaved) of up to "
                + "%d requests or %d ms each%n", plan.warmup(), plan.rounds(), Math.max(1, plan.count() / plan.rounds()),
                plan.perSize().dividedBy(plan.rounds()).toMillis()));
        sb.append("#   batch_size: samples, client-side p50/p99 ms (HTTP, JSON and queueing included)\n");
        for (int n : plan.sizes()) {
            Histogram c = sizes.client().get(n);
            sb.append(String.format(Locale.ROOT, "#   %d: %d, %.3f / %.3f%n", n, c.getTotalCount(),
                    c.getValueAtPercentile(50) / 1000.0, c.getValueAtPercentile(99) / 1000.0));
        }
        sb.append("pool_kind,model,batch_size,p50_ms,p99_ms\n");
        for (int n : plan.sizes()) {
            Histogram h = sizes.compute().get(n);
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.3f%n", plan.poolKind(), plan.model(), n,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0));
        }
        return sb.toString();
    }
}
