package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.gateway.pool.BackendIds;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rules match any header they name; model metadata takes the same way to a backend as inference, with its deadline. */
class RouteSelectionWithBackendsTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    WireMockServer cpu;
    WireMockServer staging;
    TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        cpu = ReadyBackend.start();
        staging = ReadyBackend.start();
        for (WireMockServer w : List.of(cpu, staging)) {
            w.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        }
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                  staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    policy:
                      type: rules
                      rules:
                        - {name: gold, header: X-Tenant, headerValue: gold, pool: staging}
                        - {name: canary, header: x-canary, headerValue: "1", pool: staging}
                        - {name: all, pool: cpu}
                resilience:
                  classDeadlines: {realtime: 1h, standard: 300ms, batch: 1h}
                """.formatted(cpu.port(), staging.port()));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        cpu.stop();
        staging.stop();
    }

    HttpResponse<Buffer> infer(Map<String, String> headers) {
        return gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), headers);
    }

    @Test
    void anyHeaderARuleNamesIsMatched() {
        HttpResponse<Buffer> gold = infer(Map.of("Content-Type", "application/json", "x-tenant", "gold",
                "X-Request-Timeout-Ms", "5000"));
        assertThat(gold.getHeader("X-Shunt-Pool")).isEqualTo("staging");
        assertThat(gold.getHeader("X-Shunt-Reason")).isEqualTo("gold");

        HttpResponse<Buffer> canary = infer(Map.of("Content-Type", "application/json", "X-Canary", "1",
                "X-Request-Timeout-Ms", "5000"));
        assertThat(canary.getHeader("X-Shunt-Reason")).isEqualTo("canary");

        HttpResponse<Buffer> silver = infer(Map.of("Content-Type", "application/json", "X-Tenant", "silver",
                "X-Request-Timeout-Ms", "5000"));
        assertThat(silver.getHeader("X-Shunt-Pool")).isEqualTo("cpu");
        assertThat(silver.getHeader("X-Shunt-Reason")).isEqualTo("all");
    }

    @Test
    void modelMetadataIsBoundByTheStandardDeadlineNotAFixedTimeout() {
        for (WireMockServer w : List.of(cpu, staging)) {
            w.stubFor(get("/v2/models/mlp").willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(3000)));
        }
        long start = System.nanoTime();
        HttpResponse<Buffer> metadata = gateway.http.get("/v2/models/mlp");
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(metadata.statusCode()).isEqualTo(504);
        assertThat(metadata.bodyAsString()).contains("did not describe the model in time");
        assertThat(tookMs).as("answered at the 300 ms deadline, long before the backend's 3 s").isLessThan(2500);
    }

    @Test
    void modelMetadataNamesThePoolAndBackendThatAnswered() {
        cpu.stubFor(get("/v2/models/mlp").willReturn(aResponse().withStatus(200).withBody("{\"name\":\"mlp\"}")));
        staging.stubFor(get("/v2/models/mlp").willReturn(aResponse().withStatus(200).withBody("{\"name\":\"mlp\"}")));

        HttpResponse<Buffer> metadata = gateway.http.get("/v2/models/mlp");

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.bodyAsString()).isEqualTo("{\"name\":\"mlp\"}");
        assertThat(metadata.getHeader("X-Shunt-Pool")).isEqualTo("cpu");
        assertThat(metadata.getHeader("X-Shunt-Backend")).isEqualTo(BackendIds.opaque("cpu", "127.0.0.1:" + cpu.port()));
    }
}
