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
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.File;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as its own process, stopped with SIGTERM while requests are in flight: every one of
 * them is answered, then the process exits and takes no new connections.
 */
class DrainOnSigtermTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    @TempDir
    Path dir;

    WireMockServer backend;
    Process gateway;
    Vertx vertx;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (backend != null) {
            backend.stop();
        }
    }

    @Test
    void requestsInFlightAtSigtermAreAllAnswered() throws Exception {
        backend = ReadyBackend.start();
        backend.stubFor(post(urlPathMatching("/v2/models/.*"))
                .willReturn(aResponse().withStatus(200).withBody(OK_BODY).withFixedDelay(600)));
        int port = FreePorts.one();
        Path config = dir.resolve("shunt.yaml");
        Files.writeString(config, """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 2, drainGrace: 10s}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                resilience:
                  classDeadlines: {realtime: 1m, standard: 1m, batch: 1m}
                """.formatted(port, backend.port()));
        gateway = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "dev.shunt.gateway.GatewayMain", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
        vertx = Vertx.vertx();
        HttpProbe http = new HttpProbe(vertx, port);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> http.get("/v2/health/ready").statusCode() == 200);

        List<CompletableFuture<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(http.postAsync("/v2/models/mlp/infer", Bodies.mlp(1, 1), Map.of("Content-Type", "application/json")));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> backend.findAll(postRequestedFor(urlPathMatching(".*"))).size() == 20);
        gateway.destroy(); // SIGTERM, while the backend holds all 20

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Buffer>> f : inFlight) {
            HttpResponse<Buffer> r = f.get(20, TimeUnit.SECONDS);
            statuses.add(r.statusCode());
        }
        assertThat(statuses).as(Files.readString(dir.resolve("gateway.log"))).hasSize(20).containsOnly(200);
        assertThat(gateway.waitFor(15, TimeUnit.SECONDS)).as("exited within the grace").isTrue();
        assertThat(Files.readString(dir.resolve("gateway.log"))).contains("drained in");
        assertThat(refusesConnections(port)).isTrue();
        http.close();
    }

    private static boolean refusesConnections(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
