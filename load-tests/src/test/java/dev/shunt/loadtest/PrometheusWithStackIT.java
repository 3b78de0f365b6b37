package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Debian's Prometheus on loopback scraping a gateway and model servers started as processes (the jars
 * the reactor built), with the rules of {@code deploy/prometheus}: traffic of every class, some shed,
 * a mirror to staging and a cutover configured, then a fault (a backend killed, its traffic spilling).
 * Every recording rule and every panel of {@code deploy/grafana/shunt-dashboard.json} must return data
 * through Prometheus' HTTP API, and the fault's alert must be pending or firing. In CI ({@code CI} set)
 * Prometheus must be installed ({@code .ci/run} does it); elsewhere the test is skipped without it.
 */
class PrometheusWithStackIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyRuleAndPanelReturnsDataAndTheFaultAlerts() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/prometheus"));
        if (System.getenv("CI") != null) {
            assertThat(installed).as("Debian's prometheus (.ci/run installs it)").isTrue();
        }
        Assumptions.assumeTrue(installed, "prometheus is not installed");
        Path dir = Files.createTempDirectory("shunt-prometheus");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Path cpuJar = ROOT.resolve("cpu-backend/target/shunt-cpu-backend.jar");
            ServerProcess cpu = start(started, ServerProcess.start("cpu", cpuJar, List.of("--workers", "1", "--threads", "1"), dir));
            ServerProcess small = start(started, ServerProcess.start("cpu-small", cpuJar, List.of("--workers", "1", "--threads", "1"), dir));
            ServerProcess gpu = start(started, ServerProcess.start("gpu", ROOT.resolve("gpu-backend/target/shunt-gpu-backend.jar"),
                    List.of("--max-batch-size", "16", "--max-queue-delay", "5ms"), dir));
            ServerProcess staging = start(started, ServerProcess.start("staging", cpuJar,
                    List.of("--variant", "candidate", "--workers", "1", "--threads", "1"), dir));
            ServerProcess gateway = start(started, ServerProcess.startGateway("gateway", ROOT.resolve("gateway/target/shunt-gateway.jar"),
                    port -> """
                            listener: {host: 127.0.0.1, port: %d, eventLoops: 1}
                            pools:
                              cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 500ms}}
                              small: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 500ms}}
                              gpu: {backends: ["127.0.0.1:%d"], latency: {batching: true}, costPerHour: 2.5}
                              staging: {backends: ["127.0.0.1:%d"]}
                            routes:
                              - name: default
                                shedding: {batch: 0.01}
                                policy:
                                  type: rules
                                  rules:
                                    - {name: batch, classes: [batch], pool: gpu}
                                    - {name: small, maxRows: 2, pool: small, spill: cpu}
                                    - {name: large, pool: gpu, spill: cpu}
                                mirror: {pool: staging, percent: 100}
                                cutover: {pool: staging, steps: [10, 100], bake: 1m}
                            """.formatted(port, cpu.port(), small.port(), gpu.port(), staging.port()), dir));
            int promPort = ServerProcess.freePort();
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    rule_files: ["%s", "%s"]
                    scrape_configs:
                      - job_name: shunt
                        static_configs:
                          - targets: ["127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d"]
                    """.formatted(ROOT.resolve("deploy/prometheus/rules/shunt-recording.yml"),
                    ROOT.resolve("deploy/prometheus/rules/shunt-alerts.yml"), gateway.port(), cpu.port(), small.port(),
                    gpu.port(), staging.port()));
            Process prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            started.add(() -> {
                prometheus.destroy();
                prometheus.waitFor(10, TimeUnit.SECONDS);
            });
            awaitUntil("Prometheus ready", () -> get("http://127.0.0.1:" + promPort + "/-/ready").statusCode() == 200);

            String infer = "http://127.0.0.1:" + gateway.port() + "/v2/models/mlp/infer";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
            for (int i = 0; System.nanoTime() < deadline; i++) {
                List<CompletableFuture<HttpResponse<Void>>> wave = new ArrayList<>();
                wave.add(post(infer, 1, i, "realtime"));
                wave.add(post(infer, 8, i, "standard"));
                wave.add(post(infer, 8, i + 1, "standard"));
                wave.add(post(infer, 4, i, "batch"));
                wave.add(post(infer, 4, i + 1, "batch"));
                CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
            small.close(); // the fault: the small pool's only backend goes away
            for (int i = 0; i < 40; i++) {
                post(infer, 1, i, "realtime").get(30, TimeUnit.SECONDS);
                TimeUnit.MILLISECONDS.sleep(100);
            }
            String api = "http://127.0.0.1:" + promPort + "/api/v1/";
            awaitUntil("the fault's alert is pending or firing", () -> {
                JsonNode alerts = JSON.readTree(get(api + "alerts").body()).path("data").path("alerts");
                for (JsonNode a : alerts) {
                    if (a.path("labels").path("alertname").asText().equals("ShuntBackendDown")
                            && a.path("labels").path("pool").asText().equals("small")) {
                        return true;
                    }
                }
                return false;
            });

            List<String> empty = new ArrayList<>();
            for (String record : matches("(?m)^\\s*- record: (\\S+)", Files.readString(ROOT.resolve(
                    "deploy/prometheus/rules/shunt-recording.yml")))) {
                if (!hasData(api, record)) {
                    empty.add("recording rule " + record);
                }
            }
            JsonNode dashboard = JSON.readTree(ROOT.resolve("deploy/grafana/shunt-dashboard.json").toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                boolean any = false;
                for (JsonNode target : panel.path("targets")) {
                    any |= hasData(api, target.path("expr").asText().replace("$__rate_interval", "30s"));
                }
                if (!any) {
                    empty.add("panel " + panel.path("title").asText());
                }
            }
            assertThat(empty).as("rules and panels without data").isEmpty();
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    static ServerProcess start(List<AutoCloseable> started, ServerProcess process) {
        started.add(process);
        return process;
    }

    CompletableFuture<HttpResponse<Void>> post(String uri, int rows, long seed, String latencyClass) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Latency-Class", latencyClass)
                .POST(HttpRequest.BodyPublishers.ofByteArray(RequestBodies.forModel("mlp", rows, seed).getBytes())).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    boolean hasData(String api, String promql) throws Exception {
        HttpResponse<String> answer = get(api + "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode result = JSON.readTree(answer.body()).path("data").path("result");
        return answer.statusCode() == 200 && result.isArray() && result.size() > 0;
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void awaitUntil(String what, Check check) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError(what + ": not within 60 s");
    }

    static List<String> matches(String regex, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
