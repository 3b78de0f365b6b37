package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.Device;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API behind its token, and config reload that refuses a bad file and keeps serving. */
class AdminAndReloadWithBackendsTest {

    static ServerFixture cpu;
    static ServerFixture other;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        cpu = new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 16), Ticker.system()), 1 << 20);
        other = new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 16), Ticker.system()), 1 << 20);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        cpu.close();
        other.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String yaml(String smallPool, String maxRows, boolean admin) {
        return """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"]}
                  gpu: {backends: ["127.0.0.1:%d"]}
                routes:
                  - name: default
                    policy: {type: size-threshold, maxRows: %s, small: %s, large: %s}
                """.formatted(cpu.http().port(), other.http().port(), maxRows, smallPool,
                smallPool.equals("cpu") ? "gpu" : "cpu") + (admin ? "admin: {tokenEnv: SHUNT_TEST_TOKEN}\n" : "");
    }

    static HttpResponse<Buffer> admin(WebClient client, int port, HttpMethod method, String path, String token)
            throws Exception {
        var request = client.request(method, port, "127.0.0.1", path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return request.send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void adminNeedsTheTokenAndReloadRefusesABadConfig(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shunt.yaml");
        Files.writeString(file, yaml("cpu", "4", true));
        ConfigLoader loader = new ConfigLoader(Clock.systemUTC());
        GatewayServer server = new GatewayServer(vertx, loader.load(file), Clock.systemUTC(), () -> loader.load(file),
                name -> name.equals("SHUNT_TEST_TOKEN") ? "s3cret" : null);
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebClient client = WebClient.create(vertx);
        try (HttpProbe http = new HttpProbe(vertx, port)) {
            Readiness.awaitReady(http);
            assertThat(admin(client, port, HttpMethod.GET, "/admin/pools", null).statusCode()).isEqualTo(401);
            assertThat(admin(client, port, HttpMethod.GET, "/admin/pools", "s3cret-not").statusCode()).isEqualTo(401);
            HttpResponse<Buffer> pools = admin(client, port, HttpMethod.GET, "/admin/pools", "s3cret");
            assertThat(pools.statusCode()).isEqualTo(200);
            assertThat(pools.bodyAsJsonObject().getJsonObject("cpu").getJsonArray("backends").getJsonObject(0)
                    .getString("backend")).isEqualTo("127.0.0.1:" + cpu.http().port());
            assertThat(admin(client, port, HttpMethod.GET, "/admin/config", "s3cret").bodyAsString())
                    .contains("maxRows: 4");

            Files.writeString(file, yaml("cpu", "-3", true));
            HttpResponse<Buffer> refused = admin(client, port, HttpMethod.POST, "/admin/reload", "s3cret");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("error"))
                    .isEqualTo("new config refused, the running one stays: routes[0].policy.maxRows: -3 (expected: > 0)");
            HttpResponse<Buffer> still = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
            assertThat(still.statusCode()).isEqualTo(200);
            assertThat(still.getHeader("X-Shunt-Pool")).isEqualTo("cpu");

            Files.writeString(file, yaml("gpu", "4", true));
            assertThat(admin(client, port, HttpMethod.POST, "/admin/reload", "s3cret").statusCode()).isEqualTo(200);
            HttpResponse<Buffer> moved = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
            assertThat(moved.statusCode()).isEqualTo(200);
            assertThat(moved.getHeader("X-Shunt-Pool")).isEqualTo("gpu");
        } finally {
            client.close();
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChangedFileIsReloadedByItself(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shunt.yaml");
        Files.writeString(file, yaml("cpu", "4", false));
        ConfigLoader loader = new ConfigLoader(Clock.systemUTC());
        GatewayServer server = new GatewayServer(vertx, loader.load(file), Clock.systemUTC(), () -> loader.load(file),
                name -> null);
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.watch(file, Duration.ofMillis(100));
        WebClient client = WebClient.create(vertx);
        try (HttpProbe http = new HttpProbe(vertx, port)) {
            Readiness.awaitReady(http);
            assertThat(admin(client, port, HttpMethod.GET, "/admin/pools", "x").statusCode()).as("admin off").isEqualTo(404);
            Files.writeString(file, yaml("gpu", "4", false));
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            await("small requests go to gpu after the reload").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> http.post("/v2/models/mlp/infer", Bodies.mlp(1, 2)).getHeader("X-Shunt-Pool"), "gpu"::equals);
        } finally {
            client.close();
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
