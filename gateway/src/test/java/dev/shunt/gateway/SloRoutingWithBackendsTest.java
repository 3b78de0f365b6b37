package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code slo} policy in a gateway, against backends whose speed changes on purpose (WireMock): the
 * cheap pool takes the traffic while it is fast, loses it within a bounded number of requests once it
 * is too slow for the deadline, and gets it back after it recovers.
 */
class SloRoutingWithBackendsTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    WireMockServer cpu;
    WireMockServer gpu;
    TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        cpu = ReadyBackend.start();
        gpu = ReadyBackend.start();
        answerAfter(cpu, 5);
        answerAfter(gpu, 30);
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu:
                    backends: ["127.0.0.1:%d"]
                    healthCheck: {interval: 1m, timeout: 5s}
                    costPerHour: 0.4
                    latency: {prior: {fixed: 5ms, perRow: 0ms}, decay: 0.3, relax: 1s}
                  gpu:
                    backends: ["127.0.0.1:%d"]
                    healthCheck: {interval: 1m, timeout: 5s}
                    costPerHour: 2.5
                    latency: {prior: {fixed: 30ms, perRow: 0ms}, decay: 0.3, relax: 1s}
                routes:
                  - name: default
                    policy: {type: slo, pools: [cpu, gpu], margin: 0.2}
                admin: {tokenEnv: SHUNT_TEST_TOKEN}
                """.formatted(cpu.port(), gpu.port()), Clock.systemUTC(),
                name -> name.equals("SHUNT_TEST_TOKEN") ? "tok" : null);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        cpu.stop();
        gpu.stop();
    }

    static void answerAfter(WireMockServer backend, int millis) {
        backend.resetMappings();
        backend.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v2/health/ready")
                .willReturn(aResponse().withStatus(200)));
        backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK_BODY).withFixedDelay(millis)));
    }

    /** One request with 150 ms to answer; the pool it went to. */
    String send() {
        HttpResponse<Buffer> answer = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("X-Request-Timeout-Ms", "150"));
        return answer.getHeader("X-Shunt-Pool") + " " + answer.getHeader("X-Shunt-Reason");
    }

    @Test
    void trafficLeavesASlowPoolWithinAFewRequestsAndComesBackWhenItRecovers() {
        for (int i = 0; i < 10; i++) {
            assertThat(send()).as("both in time: the cheaper pool").isEqualTo("cpu slo:cpu-cheapest");
        }

        answerAfter(cpu, 400); // now too slow for 150 ms: those requests time out and teach the gateway so
        int toSlowPool = 0;
        String last = "";
        for (int i = 0; i < 20 && !last.startsWith("gpu"); i++) {
            last = send();
            if (last.startsWith("cpu")) {
                toSlowPool++;
            }
        }
        assertThat(last).isEqualTo("gpu slo:gpu-only-in-time");
        assertThat(toSlowPool).as("requests the slow pool got before traffic left it").isBetween(1, 8);
        for (int i = 0; i < 5; i++) {
            assertThat(send()).startsWith("gpu");
        }

        answerAfter(cpu, 5);
        await("the cheap pool is tried again once its estimate relaxed, and keeps the traffic")
                .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> send().startsWith("cpu"));
        for (int i = 0; i < 5; i++) {
            assertThat(send()).isEqualTo("cpu slo:cpu-cheapest");
        }
    }

    @Test
    void theLearnedModelIsShownToOperatorsAndDashboards() {
        for (int i = 0; i < 5; i++) {
            send();
        }

        HttpResponse<Buffer> model = gateway.http.get("/admin/latency-model", Map.of("Authorization", "Bearer tok"));

        JsonObject cpuModel = model.bodyAsJsonObject().getJsonObject("cpu");
        assertThat(cpuModel.getLong("samples")).isEqualTo(5);
        assertThat(cpuModel.getDouble("costPerHour")).isEqualTo(0.4);
        assertThat(cpuModel.getJsonObject("serviceMsByRows").getDouble("1")).isBetween(1.0, 100.0);
        assertThat(model.bodyAsJsonObject().getJsonObject("gpu").getLong("samples")).isZero();
        double busy = cpuModel.getDouble("busyBackends");
        assertThat(busy).as("five requests of ~5 ms in the last minute").isGreaterThan(0).isLessThan(0.1);
        assertThat(cpuModel.getInteger("desiredReplicas")).isEqualTo((int) Math.ceil(busy / 0.7)).isEqualTo(1);
        assertThat(model.bodyAsJsonObject().getJsonObject("gpu").getInteger("desiredReplicas")).as("no traffic").isZero();
        String metrics = gateway.http.get("/metrics").bodyAsString();
        assertThat(metrics).containsPattern("shunt_pool_service_estimate_seconds\\{pool=\"gpu\",rows=\"1\"} 0\\.03")
                .contains("shunt_pool_queue_estimate_seconds{pool=\"cpu\"}")
                .contains("shunt_pool_desired_replicas{pool=\"cpu\"} 1.0", "shunt_pool_desired_replicas{pool=\"gpu\"} 0.0")
                .contains("shunt_pool_busy_backends{pool=\"cpu\"}");
    }
}
