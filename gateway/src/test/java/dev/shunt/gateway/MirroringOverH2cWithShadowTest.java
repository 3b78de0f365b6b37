package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mirror.protocol: h2c}: copies reach the shadow as HTTP/2 streams, the primaries stay HTTP/1.1. */
class MirroringOverH2cWithShadowTest {

    static final String BODY = "{\"model_name\":\"mlp\",\"outputs\":[{\"name\":\"output\",\"datatype\":\"FP32\","
            + "\"shape\":[1,1],\"data\":[1.0]}]}";

    WireMockServer primary;
    HttpServer shadow;
    TestGateway gateway;
    final List<HttpVersion> shadowVersions = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (primary != null) {
            primary.stop();
        }
    }

    @Test
    void copiesTravelAsHttp2StreamsAndAreCompared() throws Exception {
        primary = ReadyBackend.start();
        primary.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(BODY)));
        io.vertx.core.Vertx shadowVertx = io.vertx.core.Vertx.vertx();
        shadow = shadowVertx.createHttpServer().requestHandler(request -> {
            if (request.path().startsWith("/v2/models/")) {
                shadowVersions.add(request.version());
            }
            request.body().onComplete(ar -> request.response().putHeader("Content-Type", "application/json").end(BODY));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            gateway = TestGateway.start("""
                    listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                    pools:
                      cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                      staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h}}
                    routes:
                      - name: default
                        policy: {type: rules, rules: [{name: all, pool: cpu}]}
                        mirror: {pool: staging, percent: 100, protocol: h2c, maxInFlight: 1024}
                    """.formatted(primary.port(), shadow.actualPort()));
            Readiness.awaitHealthy(gateway.server, "staging");
            for (int i = 0; i < 20; i++) {
                assertThat(gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, i)).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> shadowVersions.size() == 20);
            assertThat(shadowVersions).containsOnly(HttpVersion.HTTP_2);
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.http.get("/metrics").bodyAsString()
                    .contains("shunt_shadow_samples{route=\"default\"} 20.0"));
            assertThat(gateway.http.get("/metrics").bodyAsString())
                    .contains("shunt_shadow_agreement_ratio{route=\"default\"} 1.0");
        } finally {
            shadowVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
