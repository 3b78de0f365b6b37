package dev.shunt.gateway;

import dev.shunt.backend.testing.RawClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The listener's connection limits as a client sees them on a raw socket: slow headers and short bodies get
 * a 408 JSON error and a close, an idle keep-alive connection is closed, one connection over the cap is
 * closed at once, a bad chunk size is a 400 JSON error; each close is counted in the metrics.
 */
class ConnectionLimitsWithRawClientsTest {

    static final Duration BOUND = Duration.ofSeconds(10);

    TestGateway gateway;

    /** Short deadlines; the idle one as given (long where a test holds connections that send nothing). */
    void start(String idleTimeout) throws Exception {
        gateway = TestGateway.startUnready("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1, headerTimeout: 300ms, bodyTimeout: 300ms,
                           idleTimeout: %s, maxConnections: 4}
                pools: {cpu: {backends: ["127.0.0.1:9"], healthCheck: {interval: 1h, timeout: 1s}}}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                """.formatted(idleTimeout));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void headersSentOneByteAtATimeAreCutOffWith408() throws Exception {
        start("30s");
        try (RawClient client = new RawClient(gateway.port())) {
            String request = "GET /v2/health/live HTTP/1.1\r\nHost: gateway\r\n";
            for (int i = 0; i < request.length() && client.send(request.substring(i, i + 1)); i++) {
                Thread.sleep(20);
            }
            await().atMost(BOUND).until(client::closedByServer);
            assertThat(client.received()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .contains("Content-Type: application/json", "Connection: close")
                    .endsWith("{\"error\":\"request headers not complete within 300ms\"}");
        }
        assertThat(closed("header_timeout")).isEqualTo("1.0");
    }

    @Test
    void aBodyShorterThanItsContentLengthIsCutOffWith408() throws Exception {
        start("30s");
        try (RawClient client = new RawClient(gateway.port())) {
            client.send("POST /v2/models/mlp/infer HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"inputs\":");
            await().atMost(BOUND).until(client::closedByServer);
            assertThat(client.received()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .endsWith("{\"error\":\"request body not complete within 300ms\"}");
        }
        assertThat(closed("body_timeout")).isEqualTo("1.0");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedWithoutAnAnswer() throws Exception {
        start("600ms");
        try (RawClient client = new RawClient(gateway.port())) {
            client.send("GET /v2/health/live HTTP/1.1\r\nHost: gateway\r\n\r\n");
            await().atMost(BOUND).until(() -> client.received().contains("\r\n\r\n") || client.closedByServer());
            assertThat(client.received()).startsWith("HTTP/1.1 200 OK\r\n");
            int answered = client.received().length();
            await().atMost(BOUND).until(client::closedByServer);
            assertThat(client.received()).hasSize(answered);
        }
        assertThat(closed("idle")).isEqualTo("1.0");
    }

    @Test
    void aBadChunkSizeIsA400JsonError() throws Exception {
        start("30s");
        try (RawClient client = new RawClient(gateway.port())) {
            client.send("POST /v2/models/mlp/infer HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nnot-hex\r\n{}\r\n0\r\n\r\n");
            await().atMost(BOUND).until(client::closedByServer);
            assertThat(client.received()).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("Content-Type: application/json")
                    .endsWith("{\"error\":\"invalid chunked body: a chunk size is not a hexadecimal number\"}");
        }
        assertThat(closed("bad_chunk")).isEqualTo("1.0");
    }

    @Test
    void oneConnectionOverTheCapIsClosedAtOnceAndANewOneIsServedOnceSomeClose() throws Exception {
        start("30s");
        List<RawClient> held = new ArrayList<>();
        // the test's own HTTP client holds one connection (from the readiness probe or not): fill up to the cap
        while (openConnections() < 4) {
            held.add(new RawClient(gateway.port()));
            await().atMost(BOUND).until(() -> openConnections() >= held.size());
        }
        try (RawClient over = new RawClient(gateway.port())) {
            await().atMost(BOUND).until(over::closedByServer);
            assertThat(over.received()).isEmpty();
        }
        assertThat(closed("limit")).isEqualTo("1.0");
        held.remove(0).close();
        await().atMost(BOUND).until(() -> openConnections() < 4);
        try (RawClient again = new RawClient(gateway.port())) {
            again.send("GET /v2/health/live HTTP/1.1\r\nHost: gateway\r\n\r\n");
            await().atMost(BOUND).until(() -> again.received().contains("\r\n\r\n") || again.closedByServer());
            assertThat(again.received()).startsWith("HTTP/1.1 200 OK\r\n");
        }
        for (RawClient c : held) {
            c.close();
        }
    }

    /** The open-connections gauge, read without a connection of its own: from the server's count. */
    private int openConnections() {
        return (int) Double.parseDouble(metric("shunt_connections_open "));
    }

    private String closed(String reason) {
        return metric("shunt_connections_closed_total{reason=\"" + reason + "\"} ");
    }

    private String metric(String series) {
        return gateway.http.get("/metrics").bodyAsString().lines().filter(l -> l.startsWith(series)).findFirst()
                .map(l -> l.substring(series.length()).trim()).orElse("absent");
    }
}
