package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway's {@code /metrics} follows Prometheus' conventions: every {@code shunt_*} metric has a
 * description, no gauge carries a {@code quantile} label, ratios are 0..1 (no {@code _percent}), and the
 * gateway's view of its backends is {@code shunt_upstream_*}, apart from the model servers' own
 * {@code shunt_backend_*}.
 */
class MetricConventionsTest {

    @Test
    void everyShuntMetricIsDescribedAndNamedByTheConventions() throws Exception {
        WireMockServer backend = ReadyBackend.start();
        backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withBody("{\"model_name\":\"mlp\",\"outputs\":[]}")));
        try (TestGateway gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                  staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: slo, pools: [cpu]}
                    mirror: {pool: staging, percent: 100}
                    cutover: {pool: staging, steps: [10, 100], bake: 1m}
                """.formatted(backend.port(), backend.port()))) {
            gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), Map.of());

            List<String> lines = gateway.http.get("/metrics").bodyAsString().lines().toList();

            List<String> help = lines.stream().filter(l -> l.startsWith("# HELP shunt_")).toList();
            assertThat(help).hasSizeGreaterThan(15);
            assertThat(help).allSatisfy(l -> assertThat(l.split(" ", 4)).as(l).hasSize(4));
            assertThat(lines.stream().filter(l -> l.startsWith("shunt_"))).as("no precomputed quantiles")
                    .noneMatch(l -> l.contains("quantile="));
            assertThat(lines.stream().filter(l -> l.startsWith("shunt_"))).as("ratios are 0..1")
                    .noneMatch(l -> l.contains("_percent"));
            assertThat(lines.stream().filter(l -> l.startsWith("shunt_"))).as("the model servers' names are theirs")
                    .noneMatch(l -> l.startsWith("shunt_backend_"))
                    .anyMatch(l -> l.startsWith("shunt_upstream_inflight{"));
        } finally {
            backend.stop();
        }
    }
}
