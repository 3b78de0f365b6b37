package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.gpu.BatchingConfig;
import dev.shunt.backend.gpu.DynamicBatcher;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.BlockedThreadWatch;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.gateway.pool.BackendIds;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.TensorData;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway in front of a real CPU server and a real batching server (real DJL), over real HTTP. */
class GatewayWithBackendsTest {

    static final InferenceCodec CODEC = new InferenceCodec();
    static ServerFixture cpu;
    static ServerFixture gpu;
    static int deadPort;
    static Vertx vertx;
    static BlockedThreadWatch watch;

    @BeforeAll
    static void startBackends() throws Exception {
        cpu = new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 64), Ticker.system()), 64L << 20);
        gpu = new ServerFixture("gpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> new DynamicBatcher(m, new BatchingConfig(16, Duration.ofMillis(2), List.of(), 64, Duration.ZERO), 1),
                64L << 20);
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        vertx = Vertx.vertx();
        watch = new BlockedThreadWatch(200);
    }

    @AfterAll
    static void stopBackends() throws Exception {
        List<String> blocked = watch.servingReports();
        watch.close();
        cpu.close();
        gpu.close();
        assertThat(blocked).as("the gateway's event loops never block while serving").isEmpty();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A running gateway and a client for it. */
    record Running(GatewayServer server, HttpProbe http) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            http.close();
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static Running gateway(String cpuBackends, String healthInterval, int fall) throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu:
                    backends: [%s]
                    healthCheck: {interval: %s, timeout: 5s, rise: 1, fall: %d}
                  gpu:
                    backends: ["127.0.0.1:%d"]
                routes:
                  - name: default
                    models: [mlp]
                    policy:
                      type: rules
                      rules:
                        - {name: realtime, classes: [realtime], pool: cpu, spill: gpu}
                        - {name: small, maxRows: 4, pool: cpu, spill: gpu}
                        - {name: large, pool: gpu, spill: cpu}
                """.formatted(cpuBackends, healthInterval, fall, gpu.http().port());
        GatewayServer server = new GatewayServer(watch.vertx(), new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC());
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new Running(server, new HttpProbe(vertx, port));
    }

    static String live(ServerFixture f) {
        return "\"127.0.0.1:" + f.http().port() + "\"";
    }

    static float[] outputs(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return ((TensorData.Floats) CODEC.decodeResponse(response.body().getBytes()).outputs().get(0).data()).values();
    }

    @Test
    void smallAndRealtimeGoToCpuLargeAndBatchToGpu() throws Exception {
        try (Running gw = gateway(live(cpu), "1s", 3)) {
            Readiness.awaitReady(gw.http());
            HttpResponse<Buffer> small = gw.http().post("/v2/models/mlp/infer", Bodies.mlp(2, 1),
                    Map.of("X-Request-Id", "r-1"));
            assertThat(small.getHeader("X-Shunt-Pool")).isEqualTo("cpu");
            assertThat(small.getHeader("X-Shunt-Reason")).isEqualTo("small");
            assertThat(small.getHeader("X-Shunt-Backend")).isEqualTo(BackendIds.opaque("cpu", "127.0.0.1:" + cpu.http().port()));
            assertThat(small.getHeader("X-Request-Id")).isEqualTo("r-1");
            assertThat(small.getHeader("X-Compute-Ms")).isNotNull();
            assertThat(outputs(small)).containsExactly(outputs(cpu.http().post("/v2/models/mlp/infer", Bodies.mlp(2, 1))));

            HttpResponse<Buffer> large = gw.http().post("/v2/models/mlp/infer", Bodies.mlp(8, 2), Map.of());
            assertThat(large.getHeader("X-Shunt-Pool")).isEqualTo("gpu");
            assertThat(large.getHeader("X-Shunt-Reason")).isEqualTo("large");
            assertThat(outputs(large)).hasSize(80);
            assertThat(large.getHeader("X-Request-Id")).as("generated when absent").isNotBlank();

            HttpResponse<Buffer> urgent = gw.http().post("/v2/models/mlp/infer", Bodies.mlp(16, 3),
                    Map.of("X-Latency-Class", "realtime"));
            assertThat(urgent.getHeader("X-Shunt-Pool")).isEqualTo("cpu");
            assertThat(urgent.getHeader("X-Shunt-Reason")).isEqualTo("realtime");

            String metrics = gw.http().get("/metrics").bodyAsString();
            assertThat(metrics).containsPattern(
                    "shunt_requests_total\\{class=\"standard\",model=\"mlp\",outcome=\"ok\",pool=\"cpu\"\\} [1-9]");
            assertThat(metrics).containsPattern("shunt_route_decisions_total\\{reason=\"large\",route=\"default\"\\} [1-9]");
            assertThat(metrics).contains("shunt_upstream_up{backend=\"127.0.0.1:" + cpu.http().port() + "\",pool=\"cpu\"} 1.0");
        }
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        try (Running gw = gateway(live(cpu), "1s", 3)) {
            Readiness.awaitReady(gw.http());
            HttpResponse<Buffer> metadata = gw.http().get("/v2/models/mlp");
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(CODEC.decodeModelMetadata(metadata.body().getBytes()).inputs().get(0).shape()).containsExactly(-1, 512);
            assertThat(gw.http().get("/v2/models/mlp/ready").statusCode()).isEqualTo(200);
            assertThat(gw.http().get("/v2/models/bert").statusCode()).isEqualTo(404);
            HttpResponse<Buffer> unknown = gw.http().post("/v2/models/bert/infer", Bodies.mlp(1, 1), Map.of());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(CODEC.decodeError(unknown.body().getBytes()).error())
                    .isEqualTo("model \"bert\" is not served by any route");
            HttpResponse<Buffer> malformed = gw.http().post("/v2/models/mlp/infer", "{\"inputs\":[".getBytes(), Map.of());
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(CODEC.decodeError(malformed.body().getBytes()).error()).startsWith("body: not valid JSON");
            HttpResponse<Buffer> badClass = gw.http().post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                    Map.of("X-Latency-Class", "asap"));
            assertThat(badClass.statusCode()).isEqualTo(400);
            assertThat(CODEC.decodeError(badClass.body().getBytes()).error()).contains("X-Latency-Class: \"asap\"");
            HttpResponse<Buffer> form = gw.http().post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));
            assertThat(form.statusCode()).as("curl's default type is read as JSON").isEqualTo(200);
            HttpResponse<Buffer> wrongShape = gw.http().post("/v2/models/mlp/infer",
                    Bodies.fp32Request(null, new float[3], 1, 3), Map.of());
            assertThat(wrongShape.statusCode()).as("the backend's own validation passes through").isEqualTo(400);
            assertThat(CODEC.decodeError(wrongShape.body().getBytes()).error()).contains("does not fit [-1,512]");
        }
    }

    @Test
    void aBackendThatDiedIsRetriedOnAnotherWithoutClientErrors() throws Exception {
        WireMockServer dying = ReadyBackend.start();
        // one health check a minute and fall 3: once it passed its first check, it counts as healthy after
        // it died, so requests reach it
        try (Running gw = gateway("\"127.0.0.1:" + dying.port() + "\", " + live(cpu), "1m", 3)) {
            Readiness.awaitHealthy(gw.server(), "cpu");
            dying.stop();
            for (int i = 0; i < 12; i++) {
                HttpResponse<Buffer> response = gw.http().post("/v2/models/mlp/infer", Bodies.mlp(1, i), Map.of());
                assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
                assertThat(response.getHeader("X-Shunt-Backend")).isEqualTo(BackendIds.opaque("cpu", "127.0.0.1:" + cpu.http().port()));
            }
            assertThat(gw.http().get("/metrics").bodyAsString()).containsPattern("shunt_retries_total\\{pool=\"cpu\"\\} [1-9]");
        } finally {
            if (dying.isRunning()) {
                dying.stop();
            }
        }
    }

    @Test
    void backendsFoundByDnsAreServedOnceTheyPassAHealthCheck() throws Exception {
        try (InProcessDnsServer dns = InProcessDnsServer.start()) {
            dns.answerA("cpu.shunt.test", 1, "127.0.0.1");
            String yaml = """
                    listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                    pools:
                      cpu:
                        dns: {name: cpu.shunt.test, port: %d, refresh: 1s, server: "%s"}
                        healthCheck: {interval: 100ms, timeout: 5s}
                    routes:
                      - name: default
                        policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    """.formatted(cpu.http().port(), dns.address());
            GatewayServer server = new GatewayServer(watch.vertx(), new ConfigLoader(Clock.systemUTC()).parse(yaml),
                    Clock.systemUTC());
            int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            try (Running gw = new Running(server, new HttpProbe(vertx, port))) {
                Readiness.awaitReady(gw.http());

                HttpResponse<Buffer> response = gw.http().post("/v2/models/mlp/infer", Bodies.mlp(1, 7), Map.of());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.getHeader("X-Shunt-Backend")).isEqualTo(BackendIds.opaque("cpu", "127.0.0.1:" + cpu.http().port()));
                assertThat(server.pools().get("cpu").backends()).extracting(b -> b.id())
                        .containsExactly("127.0.0.1:" + cpu.http().port());
                String gone = "backend=\"127.0.0.1:" + cpu.http().port() + "\"";
                assertThat(gw.http().get("/metrics").bodyAsString()).contains("shunt_upstream_up{" + gone);

                dns.answerA("cpu.shunt.test", 1, "127.0.0.2"); // the backend moves: its old series must go
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> server.pools().get("cpu").backends().stream()
                                .noneMatch(s -> s.id().equals("127.0.0.1:" + cpu.http().port())));
                String metrics = gw.http().get("/metrics").bodyAsString();
                assertThat(metrics).doesNotContain(gone).contains("shunt_upstream_up{backend=\"127.0.0.2:");
            }
        }
    }

    @Test
    void whenTheCpuPoolIsDownSmallRequestsSpillToGpu() throws Exception {
        try (Running gw = gateway("\"127.0.0.1:" + deadPort + "\"", "100ms", 1)) {
            Readiness.awaitHealthy(gw.server(), "gpu");
            // the dead backend never passes a check: it is not admitted, from the first request on
            HttpResponse<Buffer> response = gw.http().post("/v2/models/mlp/infer", Bodies.mlp(1, 5), Map.of());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.getHeader("X-Shunt-Pool")).isEqualTo("gpu");
            assertThat(response.getHeader("X-Shunt-Reason")).isEqualTo("spill:cpu-down");
            assertThat(gw.http().get("/v2/health/ready").statusCode())
                    .as("one pool down takes only its share away: the route still serves through gpu").isEqualTo(200);
            assertThat(gw.http().get("/metrics").bodyAsString())
                    .containsPattern("shunt_spillover_total\\{from=\"cpu\",to=\"gpu\"\\} [1-9]");
        }
    }
}
