package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shadow validation against real DJL servers: {@code mlp} against itself agrees fully, {@code mlp}
 * against its perturbed {@code candidate} does not, and the report says so.
 */
class ShadowWithRealBackendsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static ServerFixture primaryA;
    static ServerFixture primaryB;
    static ServerFixture sameModel;
    static ServerFixture candidate;
    static Vertx vertx;
    String metrics;
    String lastEncoding;

    @BeforeAll
    static void startBackends() throws Exception {
        primaryA = server("a", ModelVariant.PRODUCTION);
        primaryB = server("b", ModelVariant.PRODUCTION);
        sameModel = server("same", ModelVariant.PRODUCTION);
        candidate = server("candidate", ModelVariant.CANDIDATE);
        vertx = Vertx.vertx();
    }

    static ServerFixture server(String name, ModelVariant variant) throws Exception {
        return new ServerFixture(name, EmbeddedModels.load("mlp", variant, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 64), Ticker.system()), 64L << 20);
    }

    @AfterAll
    static void stopBackends() throws Exception {
        for (ServerFixture f : List.of(primaryA, primaryB, sameModel, candidate)) {
            f.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Sends 30 requests with 100% mirroring (and 100% noise-floor copies) and returns the shadow report. */
    JsonNode mirrorAndReport(ServerFixture staging) throws Exception {
        return mirrorAndReport(staging, "http1");
    }

    JsonNode mirrorAndReport(ServerFixture staging, String protocol) throws Exception {
        return mirrorAndReport(staging, protocol, Map.of("Content-Type", "application/json"));
    }

    /** The same, with the mirror speaking {@code protocol} to the shadow and the client sending {@code headers}. */
    JsonNode mirrorAndReport(ServerFixture staging, String protocol, Map<String, String> headers) throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d", "127.0.0.1:%d"], balancer: round-robin, healthCheck: {interval: 1m, timeout: 5s}}
                  staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    mirror:
                      pool: staging
                      percent: 100
                      noisePercent: 100
                      protocol: %s
                      criteria: {minSamples: 20, minAgreement: 0.99, maxP99Ratio: 50, maxErrorRate: 0.01}
                admin: {tokenEnv: SHUNT_TEST_TOKEN}
                """.formatted(primaryA.http().port(), primaryB.http().port(), staging.http().port(), protocol);
        GatewayServer server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC(),
                () -> {
                    throw new IllegalStateException("no reload here");
                }, name -> name.equals("SHUNT_TEST_TOKEN") ? "tok" : null);
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebClient client = WebClient.create(vertx);
        try (HttpProbe http = new HttpProbe(vertx, port)) {
            Readiness.awaitHealthy(server, "cpu"); // both primaries: the noise-floor copies go to the other one
            Readiness.awaitHealthy(server, "staging");
            for (int i = 0; i < 30; i++) {
                var answer = http.post("/v2/models/mlp/infer", Bodies.mlp(1, i), headers);
                assertThat(answer.statusCode()).isEqualTo(200);
                lastEncoding = answer.getHeader("Content-Encoding");
            }
            JsonNode report = await("every copy compared").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        var response = client.get(port, "127.0.0.1", "/admin/shadow").putHeader("Authorization", "Bearer tok")
                                .send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                        assertThat(response.statusCode()).isEqualTo(200);
                        return JSON.readTree(response.bodyAsString()).path("routes").path("default");
                    }, r -> r.path("samples").asLong() == 30 && r.path("noise").path("samples").asLong() == 30);
            System.gc(); // the shadow gauges must survive a collection
            metrics = http.get("/metrics").bodyAsString();
            return report;
        } finally {
            client.close();
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theSameModelAgreesFullyAndIsReady() throws Exception {
        JsonNode report = mirrorAndReport(sameModel);

        assertThat(report.path("samples").asLong()).isEqualTo(30);
        assertThat(report.path("agreement").asDouble()).isEqualTo(1.0);
        assertThat(report.path("top1Agreement").asDouble()).isEqualTo(1.0);
        assertThat(report.path("absoluteError").path("max").asDouble()).isEqualTo(0.0);
        assertThat(report.path("noise").path("samples").asLong()).as("primary vs a second primary replica").isEqualTo(30);
        assertThat(report.path("noise").path("agreement").asDouble()).isEqualTo(1.0);
        assertThat(report.path("verdict").asText()).as(report.toString()).isEqualTo("READY");
        assertThat(metrics).contains("shunt_shadow_samples{route=\"default\"} 30.0",
                "shunt_shadow_agreement_ratio{route=\"default\"} 1.0", "shunt_shadow_ready{route=\"default\"} 1.0",
                "shunt_mirror_requests_total{outcome=\"sent\",route=\"default\"} 30.0");
    }

    @Test
    void aModelServerTakesTheCopiesOverH2c() throws Exception {
        JsonNode report = mirrorAndReport(sameModel, "h2c");

        assertThat(report.path("samples").asLong()).isEqualTo(30);
        assertThat(report.path("agreement").asDouble()).isEqualTo(1.0);
        assertThat(report.path("shadowErrorRate").asDouble()).isEqualTo(0.0);
        assertThat(metrics).contains("shunt_mirror_requests_total{outcome=\"sent\",route=\"default\"} 30.0")
                .doesNotContain("outcome=\"error\"");
    }

    @Test
    void aClientThatAcceptsGzipGetsItAndTheShadowStillCompares() throws Exception {
        JsonNode report = mirrorAndReport(sameModel, "http1",
                Map.of("Content-Type", "application/json", "Accept-Encoding", "gzip"));

        assertThat(lastEncoding).as("the model server compressed, the gateway passed it on").isEqualTo("gzip");
        assertThat(report.path("samples").asLong()).isEqualTo(30);
        assertThat(report.path("agreement").asDouble()).as("the primary's gzip answer is inflated to compare").isEqualTo(1.0);
        assertThat(report.path("verdict").asText()).isEqualTo("READY");
    }

    @Test
    void thePerturbedCandidateDisagreesAndIsNotReady() throws Exception {
        JsonNode report = mirrorAndReport(candidate);

        assertThat(report.path("samples").asLong()).isEqualTo(30);
        assertThat(report.path("statusAgreement").asDouble()).isEqualTo(1.0);
        assertThat(report.path("structureAgreement").asDouble()).as("same outputs, shapes, types").isEqualTo(1.0);
        assertThat(report.path("numericAgreement").asDouble()).as("weights perturbed by 8%").isLessThan(0.5);
        assertThat(report.path("absoluteError").path("max").asDouble()).isGreaterThan(1e-3);
        assertThat(report.path("verdict").asText()).isEqualTo("NOT_READY");
        assertThat(metrics).contains("shunt_shadow_ready{route=\"default\"} 0.0")
                .as("every comparison in a histogram, none of the perturbed outputs within 1e-6")
                .containsPattern("shunt_shadow_absolute_error_count\\{route=\"default\"} 30(\\.0)?\n")
                .containsPattern("shunt_shadow_absolute_error_bucket\\{route=\"default\",le=\"1.0E-6\"} 0(\\.0)?\n")
                .containsPattern("shunt_shadow_latency_seconds_count\\{route=\"default\",side=\"shadow\"} 30(\\.0)?\n")
                .doesNotContain("quantile=");
        assertThat(report.path("reasons").toString()).contains("agreement");
        JsonNode mismatch = report.path("recentMismatches").get(0);
        assertThat(mismatch.path("requestId").asText()).isNotBlank();
        assertThat(mismatch.path("reason").asText()).containsAnyOf("max abs error", "top-1");
    }
}
