package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.gateway.pool.BackendIds;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What answers tell of the inside: no stack trace, class name, library internals or internal address in
 * any body, whoever refused the request (the gateway or a real model server behind it); 502, 503 and 504
 * name the pool and the backend's opaque id; {@code X-Shunt-Backend} names that id unless
 * {@code debug.exposeBackendAddresses}.
 */
class ErrorBodiesWithBackendsTest {

    /** What must never reach a client. */
    static final List<String> INTERNALS = List.of("FAIL_ON_", "ALLOW_", "Feature", "StreamReadConstraints",
            "through reference chain", "com.fasterxml", "jackson", "Exception", "java.", "io.netty", "io.vertx", "`",
            "[Source", "\tat ", "127.0.0.1:");

    static ServerFixture cpu;
    static WireMockServer slow;
    static WireMockServer dying;
    static int dyingPort;
    static Vertx vertx;
    static GatewayServer server;
    static HttpProbe http;

    @BeforeAll
    static void start() throws Exception {
        cpu = new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 16), Ticker.system()), 1 << 20);
        slow = ReadyBackend.start();
        slow.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withBody("{\"model_name\":\"slow\",\"outputs\":[]}").withFixedDelay(3000)));
        dying = ReadyBackend.start();
        dyingPort = dying.port();
        vertx = Vertx.vertx();
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1, accessLog: false}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                  slow: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                  dying: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s, fall: 3}}
                  none: {backends: ["127.0.0.1:1"], healthCheck: {interval: 1h, timeout: 1s}}
                routes:
                  - {name: slow, models: [slow], policy: {type: rules, rules: [{name: all, pool: slow}]}}
                  - {name: dying, models: [dying], policy: {type: rules, rules: [{name: all, pool: dying}]}}
                  - {name: none, models: [none], policy: {type: rules, rules: [{name: all, pool: none}]}}
                  - {name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}
                resilience:
                  maxRetries: 0
                """.formatted(cpu.http().port(), slow.port(), dying.port());
        server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC());
        http = new HttpProbe(vertx, server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        for (String pool : List.of("cpu", "slow", "dying")) {
            Readiness.awaitHealthy(server, pool);
        }
        dying.stop(); // healthy at its only check, gone now: its requests fail before an answer
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        slow.stop();
        cpu.close();
    }

    static Map<String, String> malformedBodies() {
        String input = "{\"name\":\"input\",\"shape\":[1,512],\"datatype\":\"FP32\",\"data\":";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("not JSON", "{\"inputs\": [");
        bodies.put("a comment", "{\"inputs\": [ /* hi */ ]}");
        bodies.put("single quotes", "{'inputs': []}");
        bodies.put("NaN", "{\"inputs\":[" + input + "[NaN]}]}");
        bodies.put("leading zero", "{\"inputs\":[" + input + "[01]}]}");
        bodies.put("trailing text", "{\"inputs\":[]} and more");
        bodies.put("a control character", "{\"inputs\":[{\"name\":\"in\u0001put\"}]}");
        bodies.put("wrong types", "{\"inputs\":[{\"name\":7,\"shape\":\"1,512\",\"datatype\":32,\"data\":true}]}");
        bodies.put("strings as numbers", "{\"inputs\":[" + input + "[\"one\",\"two\"]}]}");
        bodies.put("deeply nested", "{\"extra\":" + "[".repeat(300) + "]".repeat(300) + ",\"inputs\":[]}");
        bodies.put("deeply nested inputs", "{\"inputs\":" + "[".repeat(300) + "]".repeat(300) + "}");
        bodies.put("a huge number", "{\"inputs\":[" + input + "[" + "9".repeat(5000) + "]}]}");
        bodies.put("an infinite number", "{\"inputs\":[" + input + "[1e999999]}]}");
        bodies.put("a huge shape", "{\"inputs\":[{\"name\":\"input\",\"shape\":[99999999999999999999,512],"
                + "\"datatype\":\"FP32\",\"data\":[1]}]}");
        bodies.put("a huge batch", "{\"inputs\":[{\"name\":\"input\",\"shape\":[2147483647,512],"
                + "\"datatype\":\"FP32\",\"data\":[1]}]}");
        bodies.put("an array body", "[1,2,3]");
        bodies.put("empty", "");
        return bodies;
    }

    static void tellsNothingOfTheInside(HttpResponse<Buffer> answer, String what) {
        String body = answer.bodyAsString();
        assertThat(body).as(what + ": " + body).doesNotContain(INTERNALS);
        assertThat(answer.bodyAsJsonObject().getString("error")).as(what).isNotBlank();
        answer.headers().forEach((name, value) -> assertThat(value).as(what + ", header " + name)
                .doesNotContain("127.0.0.1:"));
    }

    @Test
    void malformedInputsAreRefusedWithoutTheInsides() {
        malformedBodies().forEach((what, body) -> {
            HttpResponse<Buffer> answer = http.post("/v2/models/mlp/infer", body.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json"));
            System.out.printf("%-22s %d %s%n", what, answer.statusCode(), answer.bodyAsString());
            assertThat(answer.statusCode()).as(what).isEqualTo(400);
            tellsNothingOfTheInside(answer, what);
        });
    }

    @Test
    void badHeadersAreRefusedWithoutTheInsides() {
        for (Map<String, String> headers : List.of(Map.of("X-Request-Timeout-Ms", "99999999999999999999999"),
                Map.of("X-Latency-Class", "urgent"), Map.of("Inference-Header-Content-Length", "abc"),
                Map.of("Inference-Header-Content-Length", "99999999999"), Map.of("Content-Encoding", "gzip"))) {
            HttpResponse<Buffer> answer = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), headers);
            System.out.printf("%-50s %d %s%n", headers, answer.statusCode(), answer.bodyAsString());
            assertThat(answer.statusCode()).as(headers.toString()).isBetween(400, 499);
            tellsNothingOfTheInside(answer, headers.toString());
        }
    }

    @Test
    void upstreamFailuresNameThePoolAndTheBackendsIdNotItsAddress() {
        HttpResponse<Buffer> late = http.post("/v2/models/slow/infer", Bodies.mlp(1, 1),
                Map.of("X-Request-Timeout-Ms", "1000"));
        assertThat(late.statusCode()).isEqualTo(504);
        assertThat(late.bodyAsJsonObject().getString("error")).isEqualTo("backend "
                + BackendIds.opaque("slow", "127.0.0.1:" + slow.port()) + " of pool slow did not answer within the deadline");
        tellsNothingOfTheInside(late, "504");

        HttpResponse<Buffer> gone = http.post("/v2/models/dying/infer", Bodies.mlp(1, 1));
        assertThat(gone.statusCode()).isEqualTo(502);
        assertThat(gone.bodyAsJsonObject().getString("error")).isEqualTo("backend "
                + BackendIds.opaque("dying", "127.0.0.1:" + dyingPort) + " of pool dying failed before answering");
        tellsNothingOfTheInside(gone, "502");

        HttpResponse<Buffer> nobody = http.post("/v2/models/none/infer", Bodies.mlp(1, 1));
        assertThat(nobody.statusCode()).isEqualTo(503);
        assertThat(nobody.bodyAsJsonObject().getString("error"))
                .isEqualTo("no healthy backend can serve model none now (pool none)");
        tellsNothingOfTheInside(nobody, "503");
    }

    @Test
    void answersNameTheBackendByItsOpaqueId() {
        HttpResponse<Buffer> answer = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.getHeader("X-Shunt-Backend")).isEqualTo(BackendIds.opaque("cpu", "127.0.0.1:" + cpu.http().port()))
                .matches("cpu-[0-9a-f]{8}");
        HttpResponse<Buffer> metadata = http.get("/v2/models/mlp");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.getHeader("X-Shunt-Backend")).isEqualTo(answer.getHeader("X-Shunt-Backend"));
        answer.headers().forEach((name, value) -> assertThat(value).as(name).doesNotContain("127.0.0.1:"));
    }

    @Test
    void aDebugSettingShowsTheAddress() throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1, accessLog: false}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                debug: {exposeBackendAddresses: true}
                """.formatted(cpu.http().port());
        GatewayServer debug = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC());
        try (HttpProbe probe = new HttpProbe(vertx,
                debug.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))) {
            Readiness.awaitReady(probe);
            HttpResponse<Buffer> answer = probe.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.getHeader("X-Shunt-Backend")).isEqualTo("127.0.0.1:" + cpu.http().port());
        } finally {
            debug.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
