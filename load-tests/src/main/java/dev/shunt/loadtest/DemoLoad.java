package dev.shunt.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The demo's load: a mix of small realtime, small standard and large batch requests to the gateway
 * at a fixed arrival rate, live progress once a second, then a summary per class and pool and the
 * shadow verdict of the mirrored share.
 */
final class DemoLoad {

    private final PrintStream out;

    DemoLoad(PrintStream out) {
        this.out = out;
    }

    /** The share of requests that may fail (shed, timed out) with the run still counted a success. */
    static final double MAX_ERROR_SHARE = 0.01;

    /**
     * Runs a warm-up ramping up to the rate (not counted: the JVMs compile, DJL loads its kernels), then
     * the measured load;
     * the exit code is 0 when at least 99% of the measured requests were answered 2xx.
     */
    int run(URI gateway, Duration warmup, Duration duration, long rate, String adminToken) throws Exception {
        if (!"127.0.0.1".equals(gateway.getHost()) && !"localhost".equals(gateway.getHost())) {
            throw new IllegalArgumentException("--gateway: " + gateway + " (expected: a loopback address)");
        }
        List<RequestKind> mix = List.of(RequestKind.mlp("realtime", 4, 1, 1), RequestKind.mlp("standard", 4, 2, 2),
                RequestKind.mlp("batch", 2, 16, 3));
        Vertx vertx = Vertx.vertx();
        try {
            out.printf("load: %d req/s for %s (40%% realtime 1 row, 40%% standard 2 rows, 20%% batch 16 rows)%n", rate,
                    duration);
            if (!warmup.isZero()) {
                // a ramp up to the rate: freshly started JVMs that get the full rate at once answer slowly,
                // realtime requests miss their deadline and breakers open before anything is measured
                long seconds = Math.max(1, warmup.toSeconds());
                OpenLoopStats warm = new OpenLoopLoad(vertx).run(gateway.getPort(), mix,
                        s -> Math.max(1, rate * (s + 1) / seconds), warmup, 512, (second, s, inFlight) -> { });
                out.printf("warm-up: %s, %d requests, %d errors (not counted)%n", warmup, warm.completed(), warm.errors());
            }
            OpenLoopStats stats = new OpenLoopLoad(vertx).run(gateway.getPort(), mix, s -> rate, duration, 512,
                    (second, s, inFlight) -> out.printf("[%3ds] %7d answered  %5d errors  p99 %7.2f ms  in flight %d%n",
                            second, s.completed(), s.errors(), s.p99Ms(), inFlight));
            out.println();
            out.println(table(stats));
            if (adminToken != null && !adminToken.isBlank()) {
                out.println(shadow(vertx, gateway, adminToken));
            }
            long total = stats.requests();
            return total > 0 && stats.errors() <= MAX_ERROR_SHARE * total ? 0 : 1;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static String table(OpenLoopStats stats) {
        StringBuilder sb = new StringBuilder();
        long total = stats.requests();
        sb.append(String.format(Locale.ROOT, "%d requests in %.1f s (%.0f req/s), %d errors%n%n", total, stats.seconds(),
                total / Math.max(stats.seconds(), 1e-9), stats.errors()));
        sb.append("| class | pool | requests | share of class | p50 ms | p99 ms | errors |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (OpenLoopStats.Row r : stats.rows()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f%% | %.2f | %.2f | %d |%n", r.kind(), r.pool(),
                    r.ok() + r.errors(), r.shareOfKind() * 100, r.p50Ms(), r.p99Ms(), r.errors()));
        }
        return sb.toString();
    }

    private static String shadow(Vertx vertx, URI gateway, String token) {
        WebClient client = WebClient.create(vertx);
        try {
            var response = client.get(gateway.getPort(), "127.0.0.1", "/admin/shadow")
                    .putHeader("Authorization", "Bearer " + token).timeout(10_000).send()
                    .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            if (response.statusCode() != 200) {
                return "shadow: /admin/shadow answered " + response.statusCode() + " " + response.bodyAsString();
            }
            JsonNode routes = new ObjectMapper().readTree(response.bodyAsString()).path("routes");
            StringBuilder sb = new StringBuilder();
            routes.fields().forEachRemaining(e -> {
                JsonNode r = e.getValue();
                sb.append(String.format(Locale.ROOT,
                        "shadow (route %s): %s, %d mirrored samples, agreement %.3f (adjusted %.3f), top-1 %s, "
                                + "p99 ratio %.2f, shadow errors %.3f%n",
                        e.getKey(), r.path("verdict").asText(), r.path("samples").asLong(), r.path("agreement").asDouble(),
                        r.path("adjustedAgreement").asDouble(),
                        r.path("top1Agreement").isNull() ? "-" : String.format(Locale.ROOT, "%.3f",
                                r.path("top1Agreement").asDouble()),
                        r.path("p99Ratio").asDouble(), r.path("shadowErrorRate").asDouble()));
                r.path("reasons").forEach(reason -> sb.append("  - ").append(reason.asText()).append('\n'));
            });
            return sb.length() == 0 ? "shadow: no mirrored route" : sb.toString();
        } catch (Exception e) {
            return "shadow: could not read /admin/shadow: " + e.getMessage();
        } finally {
            client.close();
        }
    }
}
