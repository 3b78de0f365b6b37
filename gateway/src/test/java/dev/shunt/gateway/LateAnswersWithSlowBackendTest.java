package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An answer below 400 written after the request's deadline counts in {@code shunt_late_total}, not in
 * {@code shunt_goodput_total}: the gateway's clock (a test clock here) moves past the deadline while a
 * slow backend (WireMock) holds the request.
 */
class LateAnswersWithSlowBackendTest {

    WireMockServer backend;
    TestGateway gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        backend.stop();
    }

    @Test
    void anAnswerWrittenAfterTheDeadlineIsLateNotGoodput() throws Exception {
        backend = ReadyBackend.start();
        backend.stubFor(post(urlPathMatching("/v2/models/.*"))
                .willReturn(aResponse().withStatus(200).withBody("{\"outputs\":[]}").withFixedDelay(300)));
        MutableClock clock = new MutableClock();
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools: {cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                """.formatted(backend.port()), clock, name -> null);
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Latency-Class", "realtime",
                "X-Request-Timeout-Ms", "5000");

        var inTime = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), headers);
        var late = gateway.http.postAsync("/v2/models/mlp/infer", Bodies.mlp(1, 2), headers);
        await("the second request is at the backend").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> backend.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))).size() == 2);
        clock.advance(Duration.ofSeconds(6));

        assertThat(inTime.statusCode()).isEqualTo(200);
        assertThat(late.get(10, TimeUnit.SECONDS).statusCode()).as("the client still gets the model's answer")
                .isEqualTo(200);
        String scrape = gateway.http.get("/metrics").bodyAsString();
        assertThat(ArrivalClockWithBackendTest.metric(scrape, "shunt_goodput_total", "class=\"realtime\"")).isEqualTo(1.0);
        assertThat(ArrivalClockWithBackendTest.metric(scrape, "shunt_late_total", "class=\"realtime\"")).isEqualTo(1.0);
        assertThat(ArrivalClockWithBackendTest.metric(scrape, "shunt_requests_total", "class=\"realtime\"",
                "outcome=\"ok\"")).isEqualTo(2.0);
    }
}
