package dev.shunt.gateway;

import dev.shunt.backend.testing.RawClient;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code admin.listener}: the admin API, {@code /metrics} and health on a listener of their own, the
 * inference listener answering 404 for them; the token's {@code Bearer} in any case; replicas that
 * reach each other over their admin listeners.
 */
class AdminListenerWithGatewayTest {

    static final Function<String, String> ENV = name -> name.equals("SHUNT_TEST_TOKEN") ? "s3cret" : null;
    static final ObjectMapper JSON = new ObjectMapper();

    WireMockServer backend;
    final List<TestGateway> gateways = new ArrayList<>();
    final List<HttpProbe> probes = new ArrayList<>();

    @BeforeEach
    void start() {
        backend = ReadyBackend.start();
        backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"model_name\":\"mlp\",\"outputs\":[]}")));
    }

    @AfterEach
    void stop() throws Exception {
        for (HttpProbe p : probes) {
            p.close();
        }
        for (TestGateway g : gateways) {
            g.close();
        }
        backend.stop();
    }

    String yaml(int port, String admin, String replicas) {
        return """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 1, drainGrace: 100ms, accessLog: false}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"]}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                admin: %s
                """.formatted(port, backend.port(), admin) + replicas;
    }

    TestGateway gateway(String yaml) throws Exception {
        TestGateway g = TestGateway.start(yaml, Clock.systemUTC(), ENV);
        gateways.add(g);
        return g;
    }

    HttpProbe adminProbe(TestGateway g) {
        HttpProbe p = new HttpProbe(g.vertx, g.server.adminPort().orElseThrow());
        probes.add(p);
        return p;
    }

    static Map<String, String> bearer(String scheme, String token) {
        return Map.of("Authorization", scheme + " " + token);
    }

    @Test
    void theAdminAPIAndMetricsMoveToTheAdminListener() throws Exception {
        TestGateway g = gateway(yaml(0, "{tokenEnv: SHUNT_TEST_TOKEN, listener: {host: 127.0.0.1, port: 0}}", ""));
        HttpProbe admin = adminProbe(g);
        assertThat(admin.port()).isNotEqualTo(g.port());

        for (String path : List.of("/admin/pools", "/admin/config", "/admin/replica", "/admin/shadow", "/metrics")) {
            HttpResponse<Buffer> hidden = g.http.get(path, bearer("Bearer", "s3cret"));
            assertThat(hidden.statusCode()).as("the inference listener hides " + path).isEqualTo(404);
            assertThat(hidden.bodyAsJsonObject().getString("error")).isEqualTo("no such endpoint: GET " + path);
        }
        assertThat(g.http.post("/admin/reload", new byte[0], bearer("Bearer", "s3cret")).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> answered = g.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
        assertThat(answered.statusCode()).as("inference stays where it was").isEqualTo(200);
        assertThat(g.http.get("/v2/health/ready").statusCode()).isEqualTo(200);

        HttpResponse<Buffer> pools = admin.get("/admin/pools", bearer("Bearer", "s3cret"));
        assertThat(pools.statusCode()).isEqualTo(200);
        var listed = pools.bodyAsJsonObject().getJsonObject("cpu").getJsonArray("backends").getJsonObject(0);
        assertThat(listed.getString("backend")).isEqualTo("127.0.0.1:" + backend.port());
        assertThat(listed.getString("publicId")).as("the id answers carry in X-Shunt-Backend")
                .isEqualTo(answered.getHeader("X-Shunt-Backend"));
        HttpResponse<Buffer> metrics = admin.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.bodyAsString()).contains("shunt_requests_total{");
        assertThat(admin.get("/v2/health/live").statusCode()).isEqualTo(200);
        assertThat(admin.get("/v2/health/ready").statusCode()).isEqualTo(200);
        assertThat(admin.post("/v2/models/mlp/infer", Bodies.mlp(1, 1)).statusCode())
                .as("no inference on the admin listener").isEqualTo(404);
    }

    @Test
    void theTokenIsCheckedWithTheSchemeInAnyCase() throws Exception {
        TestGateway g = gateway(yaml(0, "{tokenEnv: SHUNT_TEST_TOKEN, listener: {host: 127.0.0.1, port: 0}}", ""));
        HttpProbe admin = adminProbe(g);

        HttpResponse<Buffer> none = admin.get("/admin/pools");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("missing or wrong bearer token");
        for (Map<String, String> refused : List.of(bearer("Basic", "s3cret"), bearer("Bearer", "s3cret-not"),
                bearer("bearer", "S3CRET"), bearer("Token", "s3cret"))) {
            HttpResponse<Buffer> r = admin.get("/admin/pools", refused);
            assertThat(r.statusCode()).as(refused.toString()).isEqualTo(401);
            assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        }
        for (String scheme : List.of("Bearer", "bearer", "BEARER", "Bearer   ")) {
            assertThat(admin.get("/admin/pools", bearer(scheme, "s3cret")).statusCode()).as(scheme).isEqualTo(200);
        }
    }

    @Test
    void replicasReachEachOthersAdminListener() throws Exception {
        int[] listeners = FreePorts.ascending(2);
        int[] admins = FreePorts.ascending(2);
        String peers = "\"127.0.0.1:" + admins[0] + "\", \"127.0.0.1:" + admins[1] + "\"";
        for (int i = 0; i < 2; i++) {
            gateway(yaml(listeners[i], "{tokenEnv: SHUNT_TEST_TOKEN, listener: {host: 127.0.0.1, port: " + admins[i]
                    + "}}", "replicas: {self: \"127.0.0.1:" + admins[i] + "\", peers: [" + peers
                    + "], heartbeat: 100ms, timeout: 1s}\n"));
        }
        HttpProbe second = adminProbe(gateways.get(1));
        await("each replica sees the other live over the admin listeners").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                    JsonNode view = JSON.readTree(second.get("/admin/replica", bearer("Bearer", "s3cret")).bodyAsString());
                    assertThat(view.get("self").asText()).isEqualTo("127.0.0.1:" + admins[1]);
                    assertThat(view.get("leader").asText()).isEqualTo("127.0.0.1:" + admins[0]);
                    List<String> live = new ArrayList<>();
                    view.get("peers").forEach(p -> live.add(p.get("address").asText() + "=" + p.get("live").asBoolean()));
                    assertThat(live).containsExactly("127.0.0.1:" + admins[0] + "=true", "127.0.0.1:" + admins[1] + "=true");
                });
        assertThat(second.get("/v2/health/ready").bodyAsJsonObject().getString("replica"))
                .as("the admin listener says whom it follows").isEqualTo("follows 127.0.0.1:" + admins[0]
                        + "; applied state version 0");
        HttpResponse<Buffer> ready = gateways.get(1).http.get("/v2/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.bodyAsString()).as("the inference listener names no peer").isEqualTo("{\"ready\":true}");
    }

    @Test
    void theAdminListenerCutsOffSlowHeadersToo() throws Exception {
        TestGateway g = gateway(yaml(0, "{tokenEnv: SHUNT_TEST_TOKEN, listener: {host: 127.0.0.1, port: 0}}", "")
                .replace("accessLog: false}", "accessLog: false, headerTimeout: 300ms}"));
        try (RawClient client = new RawClient(g.server.adminPort().orElseThrow())) {
            String request = "GET /metrics HTTP/1.1\r\nHost: gateway\r\n";
            for (int i = 0; i < request.length() && client.send(request.substring(i, i + 1)); i++) {
                Thread.sleep(20);
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(client::closedByServer);
            assertThat(client.received()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .endsWith("{\"error\":\"request headers not complete within 300ms\"}");
        }
    }

    @Test
    void anAdminPortInUseFailsTheStartNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Vertx vertx = Vertx.vertx();
            String yaml = yaml(0, "{listener: {host: 127.0.0.1, port: " + taken.getLocalPort() + "}}", "");
            GatewayServer server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml),
                    Clock.systemUTC());
            try {
                Throwable failed = catchThrowable(() -> server.start().toCompletionStage()
                        .toCompletableFuture().get(10, TimeUnit.SECONDS));
                assertThat(failed).hasRootCauseInstanceOf(BindException.class);
                assertThat(failed.getCause())
                        .hasMessageStartingWith("admin.listener 127.0.0.1:" + taken.getLocalPort() + ": ");
            } finally {
                server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
