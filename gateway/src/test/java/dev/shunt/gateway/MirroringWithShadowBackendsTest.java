package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mirroring to shadows that are fine, slow, dead or small-minded (WireMock), in front of a WireMock primary. */
class MirroringWithShadowBackendsTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    WireMockServer primary;
    WireMockServer shadow;
    Vertx vertx;
    GatewayServer server;
    HttpProbe http;

    @BeforeEach
    void start() {
        primary = ReadyBackend.start();
        shadow = ReadyBackend.start();
        primary.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK_BODY)));
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
        primary.stop();
        if (shadow.isRunning()) {
            shadow.stop();
        }
    }

    /** A gateway whose shadow passed its first health check (the checks come once a minute after that). */
    void gateway(String shadowAddress, String mirror) throws Exception {
        start(shadowAddress, mirror);
        Readiness.awaitHealthy(server, "staging");
    }

    void start(String shadowAddress, String mirror) throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                  staging: {backends: [%s], healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    mirror: %s
                resilience:
                  classDeadlines: {realtime: 1h, standard: 1h, batch: 1h}
                """.formatted(primary.port(), shadowAddress, mirror);
        server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC());
        http = new HttpProbe(vertx, server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        Readiness.awaitReady(http);
    }

    String shadowAddress() {
        return "\"127.0.0.1:" + shadow.port() + "\"";
    }

    HttpResponse<Buffer> infer(Map<String, String> headers) {
        return http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), headers);
    }

    List<LoggedRequest> shadowSaw() {
        return shadow.findAll(postRequestedFor(urlPathMatching("/v2/models/.*")));
    }

    /** Waits (bounded, 10 s) until the condition holds; mirrors finish after the primaries. */
    static void eventually(String what, Callable<Boolean> condition) {
        await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(condition);
    }

    String metric(String series) {
        return http.get("/metrics").bodyAsString().lines().filter(l -> l.startsWith(series)).findFirst().orElse(series + " <absent>");
    }

    @Test
    void tenPercentOfFiftyIsExactlyFiveWithCredentialsStrippedAndTheRequestIdKept() throws Exception {
        shadow.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        gateway(shadowAddress(), "{pool: staging, percent: 10, keepHeaders: [Cookie]}");

        for (int i = 0; i < 50; i++) {
            HttpResponse<Buffer> r = infer(Map.of("Content-Type", "application/json", "Authorization", "Bearer secret",
                    "Cookie", "session=1", "X-Tenant", "acme", "X-Request-Id", "req-" + i));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsString()).isEqualTo(OK_BODY);
        }

        eventually("five mirrors arrived", () -> shadowSaw().size() == 5);
        assertThat(primary.findAll(postRequestedFor(urlPathMatching("/v2/models/.*")))).hasSize(50);
        for (LoggedRequest copy : shadowSaw()) {
            assertThat(copy.getHeader("X-Shunt-Shadow")).isEqualTo("true");
            assertThat(copy.containsHeader("Authorization")).as("credentials stay out of staging").isFalse();
            assertThat(copy.getHeader("Cookie")).as("kept by the allowlist").isEqualTo("session=1");
            assertThat(copy.getHeader("X-Tenant")).isEqualTo("acme");
            assertThat(copy.getHeader("X-Request-Id")).startsWith("req-");
            assertThat(copy.getBody()).as("the body as the client sent it").isEqualTo(Bodies.mlp(1, 1));
        }
        assertThat(shadowSaw().stream().map(r -> r.getHeader("X-Request-Id")).sorted().toList())
                .as("every tenth request, counted, not drawn").containsExactly("req-0", "req-10", "req-20", "req-30", "req-40");
        eventually("counted", () -> metric("shunt_mirror_requests_total{outcome=\"sent\",route=\"default\"}").endsWith(" 5.0"));
    }

    @Test
    void theForceHeaderMirrorsOneRequestWhateverTheShare() throws Exception {
        shadow.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        gateway(shadowAddress(), "{pool: staging, percent: 0}");

        infer(Map.of("Content-Type", "application/json"));
        infer(Map.of("Content-Type", "application/json", "X-Shunt-Mirror", "true", "X-Request-Id", "forced"));

        eventually("the forced one arrived", () -> shadowSaw().size() == 1);
        assertThat(shadowSaw().get(0).getHeader("X-Request-Id")).isEqualTo("forced");
        assertThat(shadowSaw().get(0).containsHeader("X-Shunt-Mirror")).isFalse();
    }

    @Test
    void aSlowShadowNeitherDelaysThePrimaryNorPilesUpBeyondTheInFlightCap() throws Exception {
        shadow.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)
                .withFixedDelay(3000)));
        gateway(shadowAddress(), "{pool: staging, percent: 100, maxInFlight: 4, timeout: 10s}");

        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(infer(Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(200);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(ms).as("ten primaries answered while the shadow still holds the first copies").isLessThan(3000);
        assertThat(metric("shunt_mirror_requests_total{outcome=\"sent\",route=\"default\"}")).endsWith(" 4.0");
        assertThat(metric("shunt_mirror_requests_total{outcome=\"dropped\",route=\"default\"}")).endsWith(" 6.0");
    }

    @Test
    void aShadowThatDiesChangesNothingForTheClientAndIsCounted() throws Exception {
        gateway(shadowAddress(), "{pool: staging, percent: 100}");
        shadow.stop(); // it passed its first check and the next is a minute away: still admitted

        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> r = infer(Map.of("Content-Type", "application/json"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.getHeader("X-Shunt-Pool")).isEqualTo("cpu");
        }
        eventually("errors counted", () -> metric("shunt_mirror_requests_total{outcome=\"error\",route=\"default\"}")
                .endsWith(" 5.0"));
    }

    @Test
    void aShadowThatNeverPassedAHealthCheckGetsNoCopyAndTheClientNoticesNothing() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        start("\"127.0.0.1:" + dead + "\"", "{pool: staging, percent: 100}");

        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> r = infer(Map.of("Content-Type", "application/json"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.getHeader("X-Shunt-Pool")).isEqualTo("cpu");
        }
        eventually("counted as having no backend", () -> metric(
                "shunt_mirror_requests_total{outcome=\"no_backend\",route=\"default\"}").endsWith(" 5.0"));
        assertThat(metric("shunt_mirror_requests_total{outcome=\"error\",route=\"default\"}")).endsWith("<absent>");
    }

    @Test
    void aShadowThatTakesTooLongIsCutAtTheMirrorTimeout() throws Exception {
        shadow.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)
                .withFixedDelay(2000)));
        gateway(shadowAddress(), "{pool: staging, percent: 100, timeout: 200ms}");

        assertThat(infer(Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(200);

        eventually("the timeout counted", () -> metric("shunt_mirror_requests_total{outcome=\"timeout\",route=\"default\"}")
                .endsWith(" 1.0"));
    }

    @Test
    void aBodyOverTheMirrorCapGoesToThePrimaryOnlyAndTheSkipIsCounted() throws Exception {
        shadow.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        gateway(shadowAddress(), "{pool: staging, percent: 100, maxBodyBytes: 100}");

        assertThat(infer(Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(200);

        assertThat(metric("shunt_mirror_requests_total{outcome=\"skipped_body\",route=\"default\"}")).endsWith(" 1.0");
        assertThat(shadowSaw()).isEmpty();
    }

    @Test
    void aClientThatHangsUpDoesNotCancelTheMirror() throws Exception {
        primary.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)
                .withFixedDelay(1500)));
        shadow.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)
                .withFixedDelay(1000)));
        gateway(shadowAddress(), "{pool: staging, percent: 100}");
        io.vertx.ext.web.client.WebClient impatient = io.vertx.ext.web.client.WebClient.create(vertx);
        CompletableFuture<?> gaveUp = impatient.post(http.port(), "127.0.0.1", "/v2/models/mlp/infer").timeout(300)
                .sendBuffer(Buffer.buffer(Bodies.mlp(1, 1))).toCompletionStage().toCompletableFuture()
                .handle((r, e) -> e);

        assertThat(gaveUp.get(10, TimeUnit.SECONDS)).as("the client gave up").isNotNull();
        impatient.close();
        eventually("the mirror still went out", () -> shadowSaw().size() == 1);
        eventually("its answer was compared with the primary's", () -> metric("shunt_shadow_samples{route=\"default\"}")
                .endsWith(" 1.0"));
        assertThat(metric("shunt_mirror_requests_total{outcome=\"error\",route=\"default\"}")).endsWith("<absent>");
        assertThat(metric("shunt_mirror_requests_total{outcome=\"timeout\",route=\"default\"}")).endsWith("<absent>");
    }
}
