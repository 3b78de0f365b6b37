package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.gateway.pool.BackendIds;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fresh gateway admits a backend only once a health check passed: the first round runs at start, so a
 * ready backend serves within milliseconds, and one that is not ready never gets a request (WireMock).
 */
class HealthStartWithBackendsTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    WireMockServer ready;
    WireMockServer notReady;
    Vertx vertx;
    GatewayServer server;
    HttpProbe http;

    @BeforeEach
    void start() {
        ready = ReadyBackend.start();
        notReady = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        notReady.start();
        notReady.stubFor(get("/v2/health/ready").willReturn(aResponse().withStatus(503)));
        for (WireMockServer w : new WireMockServer[] {ready, notReady}) {
            // both would answer an inference: only the gateway's health view keeps requests away
            w.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        }
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
        ready.stop();
        notReady.stop();
    }

    /** Health checks once an hour (each may take 5 s: a cold first answer): only the round at start counts. */
    void gateway(String backends, String healthCheck) throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: [%s], balancer: round-robin, healthCheck: %s}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                resilience:
                  classDeadlines: {realtime: 1h, standard: 1h, batch: 1h}
                """.formatted(backends, healthCheck);
        server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC());
        http = new HttpProbe(vertx, server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    static String addr(WireMockServer w) {
        return "\"127.0.0.1:" + w.port() + "\"";
    }

    static int inferences(WireMockServer w) {
        return w.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))).size();
    }

    HttpResponse<Buffer> infer() {
        return http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), Map.of());
    }

    @Test
    void aBackendThatNeverPassedACheckNeverGetsARequest() throws Exception {
        gateway(addr(ready) + ", " + addr(notReady), "{interval: 1h, timeout: 5s, fall: 3}");

        for (int i = 0; i < 10; i++) { // at once, while the first checks may still be out
            HttpResponse<Buffer> r = infer();
            assertThat(r.statusCode()).as("served by the ready one, or nobody yet").isIn(200, 503);
            if (r.statusCode() == 200) {
                assertThat(r.getHeader("X-Shunt-Backend")).isEqualTo(BackendIds.opaque("cpu", "127.0.0.1:" + ready.port()));
            }
        }
        await("ready after the checks at start, not after an interval").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10)).until(() -> http.get("/v2/health/ready").statusCode() == 200);
        for (int i = 0; i < 20; i++) { // round-robin would give the other one half of these
            HttpResponse<Buffer> r = infer();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.getHeader("X-Shunt-Backend")).isEqualTo(BackendIds.opaque("cpu", "127.0.0.1:" + ready.port()));
        }

        await("the not-ready backend was checked").atMost(Duration.ofSeconds(5))
                .until(() -> notReady.findAll(getRequestedFor(urlEqualTo("/v2/health/ready"))).size() >= 1);
        assertThat(inferences(notReady)).as("never admitted").isZero();
        assertThat(http.get("/metrics").bodyAsString())
                .contains("shunt_upstream_up{backend=\"127.0.0.1:" + notReady.port() + "\",pool=\"cpu\"} 0.0");
    }

    @Test
    void untilItsFirstCheckPassesABackendGetsNothingAndTheGatewayIsNotReady() throws Exception {
        ready.stubFor(get("/v2/health/ready").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        gateway(addr(ready), "{interval: 1h, timeout: 10s}");

        // the first check is out for 3 s: its backend is neither healthy nor unhealthy, and not admitted
        assertThat(http.get("/v2/health/ready").statusCode()).isEqualTo(503);
        HttpResponse<Buffer> early = infer();
        assertThat(early.statusCode()).isEqualTo(503);
        assertThat(early.getHeader("X-Shunt-Reason")).isEqualTo("no-healthy-backend");

        Readiness.awaitReady(http);
        assertThat(infer().statusCode()).isEqualTo(200);
        assertThat(inferences(ready)).as("only the request after the check passed").isEqualTo(1);
    }
}
