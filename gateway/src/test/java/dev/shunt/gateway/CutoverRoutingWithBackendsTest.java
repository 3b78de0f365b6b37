package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cutover's split is part of route selection: the traffic it shifts is spilled and shed like any
 * other, and mirroring never compares the candidate with itself.
 */
class CutoverRoutingWithBackendsTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[{\"name\":\"output\",\"datatype\":\"FP32\","
            + "\"shape\":[1,1],\"data\":[1.0]}]}";

    WireMockServer primary;
    WireMockServer candidate;
    TestGateway gateway;

    @BeforeEach
    void backends() {
        primary = ReadyBackend.start();
        candidate = ReadyBackend.start();
        primary.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        primary.stop();
        candidate.stop();
    }

    void start(String routeExtras, int candidateInFlight) throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                  staging: {backends: ["127.0.0.1:%d"], maxInFlightPerBackend: %d, healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    models: [mlp]
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    cutover: {pool: staging, steps: [100], bake: 1h, maxErrorRate: 1, maxP99: 1h, minSamplesPerStep: 1000}
                %s
                admin: {tokenEnv: SHUNT_TEST_TOKEN}
                resilience:
                  classDeadlines: {realtime: 1h, standard: 1h, batch: 1h}
                """.formatted(primary.port(), candidate.port(), candidateInFlight, routeExtras);
        gateway = TestGateway.start(yaml, Clock.systemUTC(), name -> name.equals("SHUNT_TEST_TOKEN") ? "tok" : null);
        WebClient admin = WebClient.create(gateway.vertx);
        HttpResponse<Buffer> started = admin.request(HttpMethod.POST, gateway.port(), "127.0.0.1", "/admin/cutover")
                .putHeader("Authorization", "Bearer tok")
                .sendBuffer(Buffer.buffer("{\"route\":\"default\",\"action\":\"start\"}"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(200);
        admin.close();
    }

    @Test
    void aGatewayIsNotReadyUntilTheCandidatePoolsFirstCheckAnsweredAndThenStaysReadyWhileItFails() throws Exception {
        // a replica started during a cutover would send the candidate its share before its health is known
        candidate.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v2/health/ready")
                .willReturn(aResponse().withStatus(503).withFixedDelay(1500)));
        gateway = TestGateway.startUnready("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                  staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    models: [mlp]
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    cutover: {pool: staging, steps: [100], bake: 1h, maxErrorRate: 1, maxP99: 1h, minSamplesPerStep: 1000}
                """.formatted(primary.port(), candidate.port()));
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.server.pools().get("cpu").backends().get(0).checked());
        assertThat(gateway.http.get("/v2/health/ready").statusCode()).as("the candidate pool's check has not answered")
                .isEqualTo(503);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> gateway.http.get("/v2/health/ready").statusCode() == 200);
        assertThat(gateway.server.pools().get("staging").backends().get(0).healthy())
                .as("a failing candidate pool does not take the replica out: the route's own pool serves").isFalse();
    }

    @Test
    void shiftedRequestsAreNotMirroredToTheCandidateTheyAlreadyWentTo() throws Exception {
        candidate.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        start("""
                    mirror: {pool: staging, percent: 100, noisePercent: 0}
                """, 64);

        for (int i = 0; i < 10; i++) {
            HttpResponse<Buffer> r = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.getHeader("X-Shunt-Pool")).isEqualTo("staging");
            assertThat(r.getHeader("X-Shunt-Reason")).isEqualTo("cutover");
        }

        // every request reached the candidate exactly once: as the primary, never again as its own shadow
        candidate.verify(10, postRequestedFor(urlPathMatching("/v2/models/.*")));
        String metrics = gateway.http.get("/metrics").bodyAsString();
        assertThat(metrics).contains("shunt_mirror_requests_total{outcome=\"skipped_same_pool\",route=\"default\"} 10.0");
        assertThat(metrics).contains("shunt_shadow_samples{route=\"default\"} 0.0");
    }

    @Test
    void shiftedTrafficIsShedByTheLoadOfTheCandidateItGoesTo() throws Exception {
        candidate.stubFor(post(urlPathMatching("/v2/models/.*"))
                .willReturn(aResponse().withStatus(200).withBody(OK_BODY).withFixedDelay(1500)));
        start("""
                    shedding: {batch: 0.5, standard: 1.0, realtime: 1.0}
                """, 2);

        CompletableFuture<HttpResponse<Buffer>> first = gateway.http.postAsync("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("Content-Type", "application/json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> candidate.findAll(postRequestedFor(urlPathMatching(".*"))).size() == 1);

        // the candidate is half full; the policy's own pool (cpu) is idle: a batch request is shed
        HttpResponse<Buffer> batch = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("Content-Type", "application/json", "X-Latency-Class", "batch"));
        assertThat(batch.statusCode()).isEqualTo(429);
        assertThat(batch.getHeader("X-Shunt-Reason")).isEqualTo("shed:batch");
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void whenTheCandidateCannotTakeMoreTheRequestStaysOnThePolicysPool() throws Exception {
        candidate.stubFor(post(urlPathMatching("/v2/models/.*"))
                .willReturn(aResponse().withStatus(200).withBody(OK_BODY).withFixedDelay(1500)));
        start("", 1);

        CompletableFuture<HttpResponse<Buffer>> first = gateway.http.postAsync("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("Content-Type", "application/json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> candidate.findAll(postRequestedFor(urlPathMatching(".*"))).size() == 1);

        HttpResponse<Buffer> second = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.getHeader("X-Shunt-Pool")).isEqualTo("cpu");
        assertThat(second.getHeader("X-Shunt-Reason")).isEqualTo("all");
        assertThat(first.get(10, TimeUnit.SECONDS).getHeader("X-Shunt-Pool")).isEqualTo("staging");
    }
}
