package dev.shunt.backend.cpu;

import dev.shunt.backend.testing.RawClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.Device;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.connection.ConnectionLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real CPU model server's connection limits as a client sees them on a raw socket (mostly with h2c off, so
 * they hold from a connection's first byte): 408 JSON errors for slow headers and short bodies, an idle
 * keep-alive connection closed, one connection over the cap closed at once, a bad chunk size answered 400.
 */
class ConnectionLimitsWithDjlTest {

    static final Duration BOUND = Duration.ofSeconds(10);

    ServerFixture server;

    void start(Duration idleTimeout, boolean h2c) throws Exception {
        ConnectionLimits limits = new ConnectionLimits(Duration.ofMillis(300), Duration.ofMillis(300), idleTimeout, 3);
        server = new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                model -> WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 8), Ticker.system()), 1024 * 1024,
                options -> options.withConnections(limits, h2c));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void headersSentOneByteAtATimeAreCutOffWith408() throws Exception {
        start(Duration.ofSeconds(30), false);
        try (RawClient client = new RawClient(server.http().port())) {
            String request = "GET /v2/health/live HTTP/1.1\r\nHost: backend\r\n";
            for (int i = 0; i < request.length() && client.send(request.substring(i, i + 1)); i++) {
                Thread.sleep(20);
            }
            await().atMost(BOUND).until(client::closedByServer);
            assertThat(client.received()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .contains("Content-Type: application/json", "Connection: close")
                    .endsWith("{\"error\":\"request headers not complete within 300ms\"}");
        }
        assertThat(metric("shunt_backend_connections_closed_total{reason=\"header_timeout\"}")).isEqualTo("1.0");
    }

    @Test
    void withH2cOnSlowHeadersAreCutOffFromAConnectionsSecondRequest() throws Exception {
        start(Duration.ofSeconds(30), true);
        try (RawClient client = new RawClient(server.http().port())) {
            client.send("GET /v2/health/live HTTP/1.1\r\nHost: backend\r\n\r\n");
            await().atMost(BOUND).until(() -> client.received().contains("\r\n\r\n") || client.closedByServer());
            assertThat(client.received()).startsWith("HTTP/1.1 200 OK\r\n");
            int answered = client.received().length();
            client.send("GET /v2/health/live HTTP/1.1\r\n");
            await().atMost(BOUND).until(client::closedByServer);
            assertThat(client.received().substring(answered)).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .endsWith("{\"error\":\"request headers not complete within 300ms\"}");
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsCutOffWith408() throws Exception {
        start(Duration.ofSeconds(30), false);
        try (RawClient client = new RawClient(server.http().port())) {
            client.send("POST /v2/models/mlp/infer HTTP/1.1\r\nHost: backend\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"inputs\":");
            await().atMost(BOUND).until(client::closedByServer);
            assertThat(client.received()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .endsWith("{\"error\":\"request body not complete within 300ms\"}");
        }
        assertThat(metric("shunt_backend_connections_closed_total{reason=\"body_timeout\"}")).isEqualTo("1.0");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedWithoutAnAnswer() throws Exception {
        start(Duration.ofMillis(600), false);
        try (RawClient client = new RawClient(server.http().port())) {
            client.send("GET /v2/health/live HTTP/1.1\r\nHost: backend\r\n\r\n");
            await().atMost(BOUND).until(() -> client.received().contains("\r\n\r\n") || client.closedByServer());
            assertThat(client.received()).startsWith("HTTP/1.1 200 OK\r\n");
            int answered = client.received().length();
            await().atMost(BOUND).until(client::closedByServer);
            assertThat(client.received()).hasSize(answered);
        }
    }

    @Test
    void aBadChunkSizeIsA400JsonError() throws Exception {
        start(Duration.ofSeconds(30), true);
        try (RawClient client = new RawClient(server.http().port())) {
            client.send("POST /v2/models/mlp/infer HTTP/1.1\r\nHost: backend\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nnot-hex\r\n{}\r\n0\r\n\r\n");
            await().atMost(BOUND).until(client::closedByServer);
            assertThat(client.received()).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("Content-Type: application/json")
                    .endsWith("{\"error\":\"invalid chunked body: a chunk size is not a hexadecimal number\"}");
        }
    }

    @Test
    void oneConnectionOverTheCapIsClosedAtOnceAndANewOneIsServedOnceSomeClose() throws Exception {
        start(Duration.ofSeconds(30), false);
        List<RawClient> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(new RawClient(server.http().port()));
        }
        try (RawClient over = new RawClient(server.http().port())) {
            await().atMost(BOUND).until(over::closedByServer);
            assertThat(over.received()).isEmpty();
        }
        held.remove(0).close();
        // the server sees the freed slot a moment after the client closed it: new connections until one is served
        await().atMost(BOUND).until(() -> {
            try (RawClient attempt = new RawClient(server.http().port())) {
                attempt.send("GET /v2/health/live HTTP/1.1\r\nHost: backend\r\nConnection: close\r\n\r\n");
                await().atMost(BOUND).until(attempt::closedByServer);
                return attempt.received().startsWith("HTTP/1.1 200 OK\r\n");
            }
        });
        assertThat(metric("shunt_backend_connections_closed_total{reason=\"limit\"}")).isNotEqualTo("absent");
        for (RawClient c : held) {
            c.close();
        }
    }

    private String metric(String series) {
        return server.http().get("/metrics").bodyAsString().lines().filter(l -> l.startsWith(series + " "))
                .findFirst().map(l -> l.substring(series.length()).trim()).orElse("absent");
    }
}
