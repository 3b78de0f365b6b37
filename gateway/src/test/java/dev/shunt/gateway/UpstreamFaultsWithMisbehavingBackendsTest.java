package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.shunt.backend.testing.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the upstream call does with backends that fail on purpose: retries only what provably never
 * reached the model, within the pool's own budget; holds against a backend only what is its fault;
 * noise-floor copies go through the replica's bulkhead.
 */
class UpstreamFaultsWithMisbehavingBackendsTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    WireMockServer a;
    WireMockServer b;
    WireMockServer shadow;
    TestGateway gateway;

    @BeforeEach
    void backends() {
        a = ReadyBackend.start();
        b = ReadyBackend.start();
        shadow = ReadyBackend.start();
        shadow.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        for (WireMockServer w : List.of(a, b, shadow)) {
            if (w.isRunning()) {
                w.stop();
            }
        }
    }

    void start(String poolExtras, String routeExtras) throws Exception {
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu:
                    backends: ["127.0.0.1:%d", "127.0.0.1:%d"]
                    balancer: round-robin
                    healthCheck: {interval: 1h, timeout: 5s}
                    %s
                  staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: mirrored
                    models: [mirrored]
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    %s
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                resilience:
                  classDeadlines: {realtime: 1h, standard: 1h, batch: 1h}
                """.formatted(a.port(), b.port(), poolExtras, shadow.port(), routeExtras));
    }

    List<Integer> statuses(int requests, Map<String, String> headers) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            out.add(gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), headers).statusCode());
        }
        return out;
    }

    @Test
    void aConnectionClosedAfterTheRequestWasSentIsNeverRetried() throws Exception {
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        b.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        start("", "");

        List<Integer> got = statuses(6, JSON);

        // the model may have run it: a second run elsewhere is not the gateway's call to make, so every
        // request that reached the resetting backend ends there, and the other saw only first attempts
        long failed = got.stream().filter(s -> s == 502).count();
        assertThat(failed).isPositive();
        assertThat(got).containsOnly(200, 502);
        assertThat(a.findAll(postRequestedFor(urlPathMatching("/v2/models/.*")))).hasSize((int) failed);
        assertThat(b.findAll(postRequestedFor(urlPathMatching("/v2/models/.*")))).hasSize(6 - (int) failed);
        assertThat(gateway.http.get("/metrics").bodyAsString()).doesNotContain("shunt_retries_total{");
    }

    @Test
    void aRefusedConnectionIsRetriedOnAnotherBackendWithinThePoolsBudget() throws Exception {
        b.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        start("retryBudgetPercent: 50", "");
        a.stop(); // healthy at the last check, refusing connections now

        assertThat(statuses(4, JSON)).containsOnly(200);
        assertThat(gateway.http.get("/metrics").bodyAsString()).containsPattern("shunt_retries_total\\{pool=\"cpu\"} [1-4]\\.0");
    }

    @Test
    void aPoolWithoutRetryBudgetDoesNotRetry() throws Exception {
        b.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        start("retryBudgetPercent: 0", "");
        a.stop();

        List<Integer> got = statuses(4, JSON);
        assertThat(got).contains(502).containsOnly(200, 502);
        assertThat(gateway.http.get("/metrics").bodyAsString()).doesNotContain("shunt_retries_total{");
    }

    @Test
    void timeoutsOfTheClientsOwnShortDeadlineDoNotOpenTheBackendsBreaker() throws Exception {
        for (WireMockServer w : List.of(a, b)) {
            w.stubFor(post(urlPathMatching("/v2/models/.*"))
                    .willReturn(aResponse().withStatus(200).withBody(OK_BODY).withFixedDelay(400)));
        }
        start("breaker: {failureRatePercent: 50, slidingWindow: 4, minimumCalls: 4, openFor: 1h}", "");

        assertThat(statuses(8, Map.of("Content-Type", "application/json", "X-Request-Timeout-Ms", "50")))
                .containsOnly(504);

        // both breakers stayed closed: a request with time to wait is served
        assertThat(statuses(2, JSON)).containsOnly(200);
    }

    @Test
    void timeoutsOfThePoolsOwnRequestTimeoutAreTheBackendsFault() throws Exception {
        for (WireMockServer w : List.of(a, b)) {
            w.stubFor(post(urlPathMatching("/v2/models/.*"))
                    .willReturn(aResponse().withStatus(200).withBody(OK_BODY).withFixedDelay(400)));
        }
        start("""
                requestTimeout: 50ms
                    breaker: {failureRatePercent: 50, slidingWindow: 4, minimumCalls: 4, openFor: 1h}""", "");

        assertThat(statuses(8, JSON)).containsOnly(504);
        HttpResponse<Buffer> after = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
        assertThat(after.statusCode()).isEqualTo(503);
        assertThat(after.bodyAsString()).contains("no healthy backend");
    }

    @Test
    void noiseFloorCopiesGoThroughTheReplicasBulkhead() throws Exception {
        for (WireMockServer w : List.of(a, b)) {
            w.stubFor(post(urlPathMatching("/v2/models/.*"))
                    .willReturn(aResponse().withStatus(200).withBody(OK_BODY).withFixedDelay(1000)));
        }
        start("maxInFlightPerBackend: 1", "mirror: {pool: staging, percent: 100, noisePercent: 100}");

        // one backend busy with a request of the unmirrored route, the mirrored one takes the other
        CompletableFuture<HttpResponse<Buffer>> busy = gateway.http.postAsync("/v2/models/mlp/infer", Bodies.mlp(1, 1), JSON);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.findAll(postRequestedFor(urlPathMatching(".*"))).size()
                + b.findAll(postRequestedFor(urlPathMatching(".*"))).size() == 1);
        HttpResponse<Buffer> mirrored = gateway.http.post("/v2/models/mirrored/infer", Bodies.mlp(1, 1));

        assertThat(mirrored.statusCode()).isEqualTo(200);
        assertThat(busy.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> shadow.verify(1, postRequestedFor(urlPathMatching(".*"))));
        // the replica copy found the other backend full and was not sent: two primaries, no third call
        int posts = a.findAll(postRequestedFor(urlPathMatching(".*"))).size()
                + b.findAll(postRequestedFor(urlPathMatching(".*"))).size();
        assertThat(posts).isEqualTo(2);
    }
}
