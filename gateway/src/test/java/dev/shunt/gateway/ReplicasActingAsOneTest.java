package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.ServerFixture;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three gateway processes with one static peer list in front of real DJL model servers, load spread
 * over all three: one shadow verdict and identical {@code /admin/cutover} answers whichever replica
 * is asked; a cutover that rolls back on the candidate's injected errors; and a cutover that goes on
 * at the same step, and completes, after its leader is killed with SIGKILL.
 */
class ReplicasActingAsOneTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "replicas-token";
    static final Duration STEP_BAKE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    final List<AutoCloseable> backends = new ArrayList<>();
    final Process[] gateways = new Process[3];
    final int[] ports = FreePorts.ascending(3);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final AtomicBoolean loading = new AtomicBoolean();
    final ExecutorService load = Executors.newFixedThreadPool(3);
    final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws Exception {
        loading.set(false);
        load.shutdown();
        load.awaitTermination(10, TimeUnit.SECONDS);
        for (Process p : gateways) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (AutoCloseable b : backends) {
            b.close();
        }
    }

    @Test
    void threeReplicasGiveOneVerdictOneCutoverAndSurviveTheLeadersDeath() throws Exception {
        ServerFixture mlp = server("mlp", "primary");
        ServerFixture mlpNext = server("mlp", "candidate");
        ServerFixture convnet = server("convnet", "vision");
        WireMockServer broken = ReadyBackend.start(); // the vision candidate answers every inference with a 500
        backends.add(broken::stop);
        broken.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"injected\"}")));
        for (int i = 0; i < 3; i++) {
            gateways[i] = startGateway(i, mlp.http().port(), mlpNext.http().port(), convnet.http().port(), broken.port());
        }
        for (int i = 0; i < 3; i++) {
            awaitReady(i);
        }
        String leader = address(0);
        await("every replica names the lowest as leader").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    for (int i = 0; i < 3; i++) {
                        assertThat(admin(i, "/admin/replica").path("leader").asText()).isEqualTo(leader);
                    }
                });

        startLoad(0, 1, 2);
        // operators may call any replica: both starts go to followers and reach the leader
        assertThat(postCutover(2, "main", "start").statusCode()).isEqualTo(200);
        HttpResponse<String> vision = postCutover(1, "vision", "start");
        assertThat(vision.statusCode()).isEqualTo(200);
        assertThat(vision.headers().firstValue("X-Shunt-Answered-By")).contains(leader);

        await("the vision cutover rolls back on the candidate's errors").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200)).until(() -> cutover(1, "vision").path("state").asText().equals("ROLLED_BACK"));
        assertThat(cutover(2, "vision").path("reason").asText()).contains("error rate");

        JsonNode atStep = await("main reaches its second step").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> cutover(1, "main"), c -> c.path("stepIndex").asInt() >= 1);
        assertThat(atStep.path("state").asText()).isEqualTo("RUNNING");
        assertIdenticalCutoverAnswers(0, 1, 2);
        long versionAtKill = admin(1, "/admin/replica").path("state").path("version").asLong();
        int stepAtKill = cutover(1, "main").path("stepIndex").asInt();

        gateways[0].destroyForcibly(); // SIGKILL: no drain, no goodbye
        gateways[0].waitFor(10, TimeUnit.SECONDS);
        restartLoadOn(1, 2);
        String next = address(1);
        Set<Integer> stepsSeen = new HashSet<>();
        await("the second-lowest replica takes over").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(admin(1, "/admin/replica").path("leader").asText()).isEqualTo(next);
                    assertThat(admin(2, "/admin/replica").path("leader").asText()).isEqualTo(next);
                });
        JsonNode taken = cutover(2, "main");
        assertThat(taken.path("stepIndex").asInt()).as("continues from the published step, not from zero")
                .isGreaterThanOrEqualTo(stepAtKill);
        JsonNode done = await("main completes under the new leader").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    JsonNode c = cutover(2, "main");
                    stepsSeen.add(c.path("stepIndex").asInt());
                    return c;
                }, c -> c.path("state").asText().equals("COMPLETED"));
        assertThat(stepsSeen).allMatch(s -> s >= stepAtKill);
        List<String> history = new ArrayList<>();
        done.path("history").forEach(h -> history.add(h.path("text").asText()));
        assertThat(history).as("one start, each step entered once").doesNotHaveDuplicates()
                .filteredOn(t -> t.startsWith("started")).hasSize(1);
        assertThat(history).contains("advanced to step 50%", "advanced to step 100%",
                "completed: all traffic of route main on cpu-next");
        await("the follower applies the new leader's versions").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(admin(2, "/admin/replica").path("state").path("version").asLong())
                        .isGreaterThan(versionAtKill));

        loading.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
        await("both survivors applied the same state version").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(stateVersionGauge(2)).isEqualTo(stateVersionGauge(1)));
        JsonNode applied = admin(2, "/admin/replica").path("state");
        System.out.printf("replicas: state version %d published %s, applied by the follower %s (%d ms later); "
                + "outcomes %s%n", applied.path("version").asLong(), applied.path("publishedAt").asText(),
                applied.path("appliedAt").asText(), Duration.between(java.time.Instant.parse(applied.path("publishedAt").asText()),
                        java.time.Instant.parse(applied.path("appliedAt").asText())).toMillis(), outcomes);
        assertThat(leaderGauge(1)).isEqualTo("1.0");
        assertThat(leaderGauge(2)).isEqualTo("0.0");
        assertIdenticalCutoverAnswers(1, 2);

        JsonNode shadow1 = await("the windows settle").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode one = admin(1, "/admin/shadow?route=main");
                    JsonNode two = admin(2, "/admin/shadow?route=main");
                    return one.path("samples").asLong() > 0 && one.equals(two) ? one : null;
                }, java.util.Objects::nonNull);
        JsonNode local2 = JSON.readTree(adminGet(2, "/admin/replica/windows").body()).path("shadow").path("main");
        assertThat(shadow1.path("samples").asLong()).as("the leader's report counts every replica's comparisons")
                .isGreaterThan(local2.path("samples").asLong())
                .isGreaterThanOrEqualTo(local2.path("samples").asLong() * 2 - 50);
        assertThat(shadow1.path("verdict").asText()).isEqualTo("READY");
        assertThat(outcomes.getOrDefault("main 200", new AtomicLong()).get()).isGreaterThan(100);
        assertThat(outcomes.keySet()).as("main answered 200 on every live replica, or never reached a killed one")
                .allMatch(k -> !k.startsWith("main ") || k.equals("main 200") || k.equals("main refused"));
        assertThat(readiness(2)).contains("\"replica\":\"follows " + next + "; applied state version");
    }

    private void assertIdenticalCutoverAnswers(int... replicas) throws Exception {
        // the answers come from the leader, so they are the same text, but a tick may fall between two calls
        await("identical /admin/cutover answers").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    List<String> bodies = new ArrayList<>();
                    Set<String> answeredBy = new HashSet<>();
                    for (int i : replicas) {
                        HttpResponse<String> r = adminGet(i, "/admin/cutover");
                        assertThat(r.statusCode()).isEqualTo(200);
                        bodies.add(withoutClock(r.body()));
                        answeredBy.add(r.headers().firstValue("X-Shunt-Answered-By").orElse("none"));
                    }
                    assertThat(new HashSet<>(bodies)).hasSize(1);
                    assertThat(answeredBy).hasSize(1);
                });
    }

    /** The bake countdown is the only figure that moves between two calls a few milliseconds apart. */
    private static String withoutClock(String body) {
        return body.replaceAll("\"bakeRemaining\":\"[^\"]*\"", "");
    }

    private void startLoad(int... replicas) {
        loading.set(true);
        for (int t = 0; t < 3; t++) {
            int thread = t;
            load.submit(() -> {
                long n = 0;
                while (loading.get()) {
                    int[] targets = currentTargets.get();
                    int i = targets[(int) (n % targets.length)];
                    boolean vision = n % 5 == 4;
                    byte[] body = vision ? Bodies.fp32Request("v" + n, Bodies.randomValues(3 * 64 * 64, n), 1, 3, 64, 64)
                            : Bodies.mlp(1, thread * 1_000_000L + n);
                    String outcome;
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(i, "/v2/models/" + (vision ? "convnet" : "mlp") + "/infer"))
                                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                        outcome = String.valueOf(r.statusCode());
                    } catch (java.io.IOException e) {
                        outcome = "refused";
                    } catch (InterruptedException e) {
                        return;
                    }
                    outcomes.computeIfAbsent((vision ? "vision " : "main ") + outcome, k -> new AtomicLong()).incrementAndGet();
                    n++;
                    sleep(10);
                }
            });
        }
        currentTargets.set(replicas);
    }

    private final java.util.concurrent.atomic.AtomicReference<int[]> currentTargets =
            new java.util.concurrent.atomic.AtomicReference<>(new int[] {0, 1, 2});

    private void restartLoadOn(int... replicas) {
        currentTargets.set(replicas);
    }

    private Process startGateway(int i, int mlp, int mlpNext, int convnet, int broken) throws Exception {
        String peers = Arrays.stream(ports).mapToObj(p -> "\"127.0.0.1:" + p + "\"").collect(Collectors.joining(", "));
        Path config = dir.resolve("shunt-" + i + ".yaml");
        Files.writeString(config, """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 1, drainGrace: 100ms, accessLog: false}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1s, timeout: 2s}}
                  cpu-next: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1s, timeout: 2s}}
                  vision: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1s, timeout: 2s}}
                  vision-next: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1s, timeout: 2s}}
                routes:
                  - name: main
                    models: [mlp]
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    mirror:
                      pool: cpu-next
                      percent: 100
                      criteria: {minSamples: 50, minAgreement: 0.99, maxP99Ratio: 50, maxErrorRate: 0.01}
                    cutover: {pool: cpu-next, steps: [20, 50, 100], bake: %dms, maxErrorRate: 0.05, maxP99: 5s, minSamplesPerStep: 10}
                  - name: vision
                    models: [convnet]
                    policy: {type: rules, rules: [{name: all, pool: vision}]}
                    cutover: {pool: vision-next, steps: [20, 50, 100], bake: %dms, maxErrorRate: 0.05, maxP99: 5s, minSamplesPerStep: 5}
                admin: {tokenEnv: SHUNT_TEST_TOKEN}
                replicas: {self: "127.0.0.1:%d", peers: [%s], heartbeat: 200ms, timeout: 1s}
                resilience:
                  classDeadlines: {realtime: 10s, standard: 10s, batch: 10s}
                """.formatted(ports[i], mlp, mlpNext, convnet, broken, STEP_BAKE.toMillis(), STEP_BAKE.toMillis(),
                ports[i], peers));
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "dev.shunt.gateway.GatewayMain", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gateway-" + i + ".log").toFile());
        builder.environment().put("SHUNT_TEST_TOKEN", TOKEN);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        return builder.start();
    }

    private ServerFixture server(String model, String name) throws Exception {
        ServerFixture f = new ServerFixture(name, EmbeddedModels.load(model, ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 64), Ticker.system()), 64L << 20);
        backends.add(f);
        return f;
    }

    private void awaitReady(int i) {
        await("gateway " + i + " ready; its log: " + dir.resolve("gateway-" + i + ".log")).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(uri(i, "/v2/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    private String readiness(int i) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(i, "/v2/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode cutover(int i, String route) throws Exception {
        for (JsonNode c : admin(i, "/admin/cutover").path("cutovers")) {
            if (c.path("route").asText().equals(route)) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    private HttpResponse<String> postCutover(int i, String route, String action) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(i, "/admin/cutover")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"route\":\"" + route + "\",\"action\":\"" + action + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode admin(int i, String path) throws Exception {
        HttpResponse<String> r = adminGet(i, path);
        assertThat(r.statusCode()).as(path + " on replica " + i + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> adminGet(int i, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(i, path)).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String leaderGauge(int i) throws Exception {
        return gauge(i, "shunt_replica_leader");
    }

    private String stateVersionGauge(int i) throws Exception {
        return gauge(i, "shunt_replica_state_version");
    }

    private String gauge(int i, String name) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(uri(i, "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String prefix = name + "{replica=\"" + address(i) + "\"}";
        return metrics.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst()
                .orElse("absent");
    }

    private URI uri(int i, String path) {
        return URI.create("http://127.0.0.1:" + ports[i] + path);
    }

    private String address(int i) {
        return "127.0.0.1:" + ports[i];
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
