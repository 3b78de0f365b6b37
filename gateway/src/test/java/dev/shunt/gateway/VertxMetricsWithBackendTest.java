package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gateway's Vert.x instance reports its own metrics into the gateway's registry. */
class VertxMetricsWithBackendTest {

    @Test
    void withHttpClientMetricsTheForwardsShowToo() throws Exception {
        String text = scrapeAfterOneRequest(true);

        assertThat(text).contains("shunt_requests_total{class=\"standard\",model=\"mlp\",outcome=\"ok\",pool=\"cpu\"} 1.0");
        assertThat(text).as("the one forward to the backend")
                .contains("vertx_http_client_requests_total{method=\"POST\"} 1.0", "vertx_http_client_active_connections",
                        "vertx_pool_in_use{");
        assertThat(text).as("the server category is off: shunt_request* count every request")
                .doesNotContain("vertx_http_server_requests_total");
    }

    @Test
    void byDefaultOnlyThePoolsWhichCostNothingPerRequest() throws Exception {
        String text = scrapeAfterOneRequest(false);

        assertThat(text).contains("vertx_pool_in_use{", "shunt_upstream_duration_seconds_count");
        assertThat(text).doesNotContain("vertx_http_client_requests_total", "vertx_http_server_requests_total");
    }

    String scrapeAfterOneRequest(boolean httpClientMetrics) throws Exception {
        WireMockServer backend = ReadyBackend.start();
        backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody("{}")));
        GatewayMetrics metrics = new GatewayMetrics();
        Vertx vertx = GatewayVertx.create(metrics, 1, httpClientMetrics, TransportChoice.EPOLL);
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools: {cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                """.formatted(backend.port());
        GatewayServer server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC(),
                () -> {
                    throw new IllegalStateException("no reload");
                }, name -> null, metrics);
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Vertx client = Vertx.vertx(); // its own instance: the test's requests are not the gateway's
        try (HttpProbe http = new HttpProbe(client, port)) {
            Readiness.awaitReady(http);
            assertThat(http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(200);

            return http.get("/metrics").bodyAsString();
        } finally {
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            backend.stop();
        }
    }
}
