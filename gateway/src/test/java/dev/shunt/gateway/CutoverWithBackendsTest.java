package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Progressive cutover through the admin API, with the clock moved by hand and WireMock pools. */
class CutoverWithBackendsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    WireMockServer primary;
    WireMockServer candidate;
    Vertx vertx;
    GatewayServer server;
    HttpProbe http;
    WebClient admin;
    MutableClock clock = new MutableClock();
    String yaml;

    @BeforeEach
    void start() throws Exception {
        primary = ReadyBackend.start();
        candidate = ReadyBackend.start();
        for (WireMockServer w : List.of(primary, candidate)) {
            w.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        }
        vertx = Vertx.vertx();
        yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                  staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                  other: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    models: [mlp]
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    cutover: {pool: staging, steps: [50, 100], bake: 10s, maxErrorRate: 0.1, maxP99: 1s, minSamplesPerStep: 2}
                  - name: plain
                    policy: {type: rules, rules: [{name: all, pool: other}]}
                admin: {tokenEnv: SHUNT_TEST_TOKEN}
                resilience:
                  classDeadlines: {realtime: 1h, standard: 1h, batch: 1h}
                """.formatted(primary.port(), candidate.port(), primary.port());
        ConfigLoader loader = new ConfigLoader(clock);
        server = new GatewayServer(vertx, loader.parse(yaml), clock, () -> loader.parse(yaml),
                name -> name.equals("SHUNT_TEST_TOKEN") ? "tok" : null);
        http = new HttpProbe(vertx, server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        admin = WebClient.create(vertx);
        Readiness.awaitReady(http);
        Readiness.awaitHealthy(server, "staging"); // the cutover's pool: readiness covers the policies' pools only
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
        http.close();
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        primary.stop();
        candidate.stop();
    }

    HttpResponse<Buffer> adminCall(HttpMethod method, String path, String body) throws Exception {
        var request = admin.request(method, http.port(), "127.0.0.1", path).putHeader("Authorization", "Bearer tok");
        var sent = body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
        return sent.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    JsonNode action(String route, String action, int expectedStatus) throws Exception {
        HttpResponse<Buffer> r = adminCall(HttpMethod.POST, "/admin/cutover",
                "{\"route\":\"" + route + "\",\"action\":\"" + action + "\"}");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(expectedStatus);
        return JSON.readTree(r.bodyAsString());
    }

    JsonNode view() throws Exception {
        return JSON.readTree(adminCall(HttpMethod.GET, "/admin/cutover", null).bodyAsString()).path("cutovers").get(0);
    }

    /** Waits (bounded) for the server's once-a-second tick to act on the moved clock. */
    JsonNode waitFor(Predicate<JsonNode> condition) {
        return await("the cutover's tick").atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                .until(this::view, condition);
    }

    long toCandidate(int requests) {
        long n = 0;
        for (int i = 0; i < requests; i++) {
            HttpResponse<Buffer> r = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
            if ("staging".equals(r.getHeader("X-Shunt-Pool"))) {
                assertThat(r.getHeader("X-Shunt-Reason")).isEqualTo("cutover");
                n++;
            }
        }
        return n;
    }

    @Test
    void advancesStepByStepWhileTheCandidateIsHealthyThenCompletes() throws Exception {
        assertThat(toCandidate(4)).as("nothing moves before a start").isZero();

        JsonNode started = action("default", "start", 200);
        assertThat(started.path("state").asText()).isEqualTo("RUNNING");
        assertThat(started.path("weightPercent").asDouble()).isEqualTo(50.0);
        assertThat(toCandidate(10)).as("50%, counted").isEqualTo(5);

        clock.advance(Duration.ofSeconds(11));
        assertThat(waitFor(v -> v.path("weightPercent").asDouble() == 100.0).path("weightPercent").asDouble()).isEqualTo(100.0);
        assertThat(toCandidate(4)).isEqualTo(4);
        System.gc(); // the gauge must survive a collection
        assertThat(http.get("/metrics").bodyAsString()).contains("shunt_cutover_weight_ratio{route=\"default\"} 1.0");

        clock.advance(Duration.ofSeconds(11));
        assertThat(waitFor(v -> v.path("state").asText().equals("COMPLETED")).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(toCandidate(3)).as("completed: the candidate serves the route").isEqualTo(3);
    }

    @Test
    void rollsBackToZeroWhenTheCandidateFailsAndSaysWhy() throws Exception {
        candidate.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"x\"}")));
        action("default", "start", 200);
        toCandidate(6);

        JsonNode v = waitFor(n -> n.path("state").asText().equals("ROLLED_BACK"));
        assertThat(v.path("state").asText()).isEqualTo("ROLLED_BACK");
        assertThat(v.path("weightPercent").asDouble()).isZero();
        assertThat(v.path("reason").asText()).contains("error rate");
        assertThat(toCandidate(6)).as("all traffic back on the primary").isZero();
    }

    @Test
    void pauseResumeAbortAndAReloadKeepsTheState() throws Exception {
        action("default", "start", 200);
        assertThat(action("default", "pause", 200).path("state").asText()).isEqualTo("PAUSED");

        assertThat(adminCall(HttpMethod.POST, "/admin/reload", null).statusCode()).isEqualTo(200);
        assertThat(view().path("state").asText()).as("the reload kept the cutover").isEqualTo("PAUSED");

        assertThat(action("default", "resume", 200).path("state").asText()).isEqualTo("RUNNING");
        JsonNode aborted = action("default", "abort", 200);
        assertThat(aborted.path("state").asText()).isEqualTo("ABORTED");
        assertThat(aborted.path("weightPercent").asDouble()).isZero();
        assertThat(toCandidate(4)).isZero();

        assertThat(action("default", "pause", 409).path("error").asText()).contains("ABORTED");
        assertThat(action("default", "jump", 400).path("error").asText()).contains("expected: start, pause, resume or abort");
        assertThat(action("nope", "start", 404).path("error").asText()).contains("not configured");
        assertThat(action("plain", "start", 409).path("error").asText()).contains("no cutover section");
        assertThat(adminCall(HttpMethod.POST, "/admin/cutover", "{oops").statusCode()).isEqualTo(400);
    }
}
