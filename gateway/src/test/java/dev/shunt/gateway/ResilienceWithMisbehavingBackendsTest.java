package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.gateway.pool.BackendIds;
import dev.shunt.protocol.InferenceCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backends that misbehave on purpose (WireMock): breaker, shedding, deadlines, retry on 503. */
class ResilienceWithMisbehavingBackendsTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";
    static final InferenceCodec CODEC = new InferenceCodec();

    WireMockServer a;
    WireMockServer b;
    Vertx vertx;
    GatewayServer server;
    HttpProbe http;

    @BeforeEach
    void start() {
        a = ReadyBackend.start();
        b = ReadyBackend.start();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        a.stop();
        b.stop();
    }

    void gateway(String backends, String poolExtras, Clock clock) throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu:
                    backends: [%s]
                    healthCheck: {interval: 1m, timeout: 5s}
                    %s
                routes:
                  - name: default
                    policy:
                      type: rules
                      rules:
                        - {name: all, pool: cpu}
                resilience:
                  classDeadlines: {realtime: 1h, standard: 1h, batch: 1h}
                """.formatted(backends, poolExtras);
        server = new GatewayServer(vertx, new ConfigLoader(clock).parse(yaml), clock);
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        http = new HttpProbe(vertx, port);
        Readiness.awaitHealthy(server, "cpu"); // every backend: tests count where requests went
    }

    static String addr(WireMockServer w) {
        return "\"127.0.0.1:" + w.port() + "\"";
    }

    HttpResponse<Buffer> infer(Map<String, String> headers) {
        return http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), headers);
    }

    @Test
    void theBreakerOpensOnFailuresAndClosesAfterASuccessfulProbe() throws Exception {
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        MutableClock clock = new MutableClock();
        gateway(addr(a), "breaker: {failureRatePercent: 50, slidingWindow: 4, minimumCalls: 4, openFor: 5s, halfOpenCalls: 1}",
                clock);
        for (int i = 0; i < 4; i++) {
            assertThat(infer(Map.of()).statusCode()).as("the backend's own 500 passes through").isEqualTo(500);
        }
        HttpResponse<Buffer> open = infer(Map.of());
        assertThat(open.statusCode()).isEqualTo(503);
        assertThat(open.getHeader("Retry-After")).isEqualTo("1");
        assertThat(open.getHeader("X-Shunt-Reason")).isEqualTo("no-healthy-backend");
        assertThat(http.get("/metrics").bodyAsString()).contains(
                "shunt_upstream_circuit_state{backend=\"127.0.0.1:" + a.port() + "\",pool=\"cpu\",state=\"open\"} 1.0");
        a.verify(4, postRequestedFor(urlPathMatching("/v2/models/.*")));

        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        clock.advance(Duration.ofSeconds(6));
        assertThat(infer(Map.of()).statusCode()).as("half-open probe").isEqualTo(200);
        assertThat(infer(Map.of()).statusCode()).as("closed again").isEqualTo(200);
        assertThat(http.get("/metrics").bodyAsString()).contains(
                "shunt_upstream_circuit_state{backend=\"127.0.0.1:" + a.port() + "\",pool=\"cpu\",state=\"closed\"} 1.0");
    }

    @Test
    void a503IsRetriedOnAnotherBackendAndTheClientSeesNoError() throws Exception {
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(503).withBody("{\"error\":\"queue full\"}")));
        b.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        gateway(addr(a) + ", " + addr(b), "balancer: round-robin", Clock.systemUTC());
        for (int i = 0; i < 6; i++) {
            HttpResponse<Buffer> response = infer(Map.of());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.getHeader("X-Shunt-Backend")).isEqualTo(BackendIds.opaque("cpu", "127.0.0.1:" + b.port()));
        }
        assertThat(a.findAll(postRequestedFor(urlPathMatching("/v2/models/.*")))).as("the 503s really happened")
                .isNotEmpty();
    }

    @Test
    void aSlowBackendIsCutAtTheDeadlineAndNotRetried() throws Exception {
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)
                .withFixedDelay(2000)));
        b.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)
                .withFixedDelay(2000)));
        gateway(addr(a) + ", " + addr(b), "", Clock.systemUTC());
        long start = System.nanoTime();
        HttpResponse<Buffer> late = infer(Map.of("X-Request-Timeout-Ms", "200"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(late.statusCode()).isEqualTo(504);
        assertThat(CODEC.decodeError(late.body().getBytes()).error()).contains("did not answer within the deadline");
        assertThat(ms).as("answered at the deadline, not after the backend").isLessThan(1500);
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sent = new ArrayList<>();
        sent.addAll(a.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))));
        sent.addAll(b.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))));
        assertThat(sent).as("a timeout may have reached the model: no retry").hasSize(1);
        assertThat(Long.parseLong(sent.get(0).getHeader("X-Request-Timeout-Ms"))).as("the remaining deadline is forwarded")
                .isBetween(1L, 200L);
    }

    @Test
    void anAnswerTricklingInIsCutAtTheDeadline() throws Exception {
        // status and headers at once, then the body in 40 pieces over 8 s: each piece would restart an idle timeout
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withBody(OK_BODY + " ".repeat(400)).withChunkedDribbleDelay(40, 8000)));
        gateway(addr(a), "", Clock.systemUTC());
        HttpResponse<Buffer> late = infer(Map.of("X-Request-Timeout-Ms", "500"));
        assertThat(late.statusCode()).as("cut at the deadline, not passed on 8 s later").isEqualTo(504);
        assertThat(CODEC.decodeError(late.body().getBytes()).error()).contains("did not answer within the deadline");
        a.verify(1, postRequestedFor(urlPathMatching("/v2/models/.*")));
    }

    @Test
    void theRemainingDeadlineTravelsAsTheV2TimeoutParameterWithTheTensorsUntouched() throws Exception {
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        gateway(addr(a), "", Clock.systemUTC());

        assertThat(infer(Map.of("X-Request-Timeout-Ms", "300")).statusCode()).isEqualTo(200);

        var received = a.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))).get(0);
        var request = CODEC.decodeRequest(received.getBody());
        var original = CODEC.decodeRequest(Bodies.mlp(1, 1));
        assertThat(((Number) request.parameters().get("timeout")).longValue()).as("microseconds left of 300 ms")
                .isBetween(1L, 300_000L);
        assertThat(request.inputs()).as("tensors passed through").isEqualTo(original.inputs());
    }

    @Test
    void theTimeoutParameterCanBeTurnedOff() throws Exception {
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools: {cpu: {backends: [%s], healthCheck: {interval: 1m, timeout: 5s}}}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                resilience: {forwardTimeoutParameter: false}
                """.formatted(addr(a));
        server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC());
        http = new HttpProbe(vertx, server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        Readiness.awaitReady(http);

        assertThat(infer(Map.of()).statusCode()).isEqualTo(200);

        byte[] received = a.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))).get(0).getBody();
        assertThat(received).as("byte for byte what the client sent").isEqualTo(Bodies.mlp(1, 1));
    }

    @Test
    void underLoadBatchIsShedBeforeRealtime() throws Exception {
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)
                .withFixedDelay(1500)));
        gateway(addr(a), "maxInFlightPerBackend: 4", Clock.systemUTC());
        List<CompletableFuture<HttpResponse<Buffer>>> busy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            busy.add(http.postAsync("/v2/models/mlp/infer", Bodies.mlp(1, i), Map.of()));
        }
        await("three requests in flight").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> http.get("/metrics").bodyAsString()
                        .contains("shunt_upstream_inflight{backend=\"127.0.0.1:" + a.port() + "\",pool=\"cpu\"} 3.0"));
        HttpResponse<Buffer> batch = infer(Map.of("X-Latency-Class", "batch"));
        assertThat(batch.statusCode()).isEqualTo(429);
        assertThat(batch.getHeader("X-Shunt-Reason")).isEqualTo("shed:batch");
        assertThat(batch.getHeader("Retry-After")).isEqualTo("1");
        HttpResponse<Buffer> realtime = infer(Map.of("X-Latency-Class", "realtime"));
        assertThat(realtime.statusCode()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<Buffer>> f : busy) {
            assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(http.get("/metrics").bodyAsString())
                .containsPattern("shunt_shed_total\\{class=\"batch\",reason=\"shed:batch\"\\} 1.0");
    }
}
