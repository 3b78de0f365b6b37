package dev.shunt.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard on a plain Vert.x server that reads every body and answers 200, seen from raw sockets. Without
 * h2c: with it, Vert.x holds a connection's first partial request before any connection handler runs.
 */
class ConnectionGuardWithVertxServerTest {

    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private ConnectionGuard guard;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        guard = new ConnectionGuard(new ConnectionLimits(Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofMillis(600), 3), m -> ("{\"error\":\"" + m + "\"}").getBytes(StandardCharsets.UTF_8),
                closes::add);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setHttp2ClearTextEnabled(false))
                .connectionHandler(guard)
                .requestHandler(req -> req.body().onSuccess(b -> req.response().end("ok " + b.length())));
        port = server.listen().await().actualPort();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void headersSentSlowlyAreAnswered408AndClosed() throws Exception {
        try (RawConnection c = new RawConnection(port)) {
            c.send("GET / HTTP/1.1\r\nHost: a");
            await().atMost(Duration.ofSeconds(5)).until(c::closedByServer);
            assertThat(c.received()).startsWith("HTTP/1.1 408 Request Timeout")
                    .endsWith("{\"error\":\"request headers not complete within 300ms\"}");
        }
        assertThat(closes).containsExactly(CloseReason.HEADER_TIMEOUT);
    }

    @Test
    void aBodyShorterThanItsLengthIsAnswered408AndClosed() throws Exception {
        try (RawConnection c = new RawConnection(port)) {
            c.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n12345");
            await().atMost(Duration.ofSeconds(5)).until(c::closedByServer);
            assertThat(c.received()).startsWith("HTTP/1.1 408 Request Timeout")
                    .contains("request body not complete within 300ms");
        }
        assertThat(closes).containsExactly(CloseReason.BODY_TIMEOUT);
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        try (RawConnection c = new RawConnection(port)) {
            c.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
            await().atMost(Duration.ofSeconds(5)).until(() -> c.closedByServer() || c.received().endsWith("ok 3"));
            assertThat(c.received()).startsWith("HTTP/1.1 200 OK");
            await().atMost(Duration.ofSeconds(5)).until(c::closedByServer);
            assertThat(c.received()).doesNotContain("408");
        }
        assertThat(closes).containsExactly(CloseReason.IDLE);
    }

    @Test
    void aKeepAliveConnectionGetsItsDeadlinesAgainForItsNextRequest() throws Exception {
        try (RawConnection c = new RawConnection(port)) {
            c.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\na");
            await().atMost(Duration.ofSeconds(5)).until(() -> c.closedByServer() || c.received().endsWith("ok 1"));
            int answered = c.received().length();
            c.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab");
            await().atMost(Duration.ofSeconds(5)).until(c::closedByServer);
            assertThat(c.received().substring(answered)).startsWith("HTTP/1.1 408 Request Timeout")
                    .contains("request body not complete within 300ms");
        }
        assertThat(closes).containsExactly(CloseReason.BODY_TIMEOUT);
    }

    @Test
    void aPipelinedSecondRequestIsAnsweredToo() throws Exception {
        try (RawConnection c = new RawConnection(port)) {
            c.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\na"
                    + "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab");
            await().atMost(Duration.ofSeconds(5)).until(() -> c.closedByServer() || c.received().endsWith("ok 2"));
            assertThat(c.received()).contains("ok 1").endsWith("ok 2");
        }
        assertThat(closes).isEmpty();
    }

    @Test
    void aBadChunkSizeIsAnswered400() throws Exception {
        try (RawConnection c = new RawConnection(port)) {
            c.send("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
            await().atMost(Duration.ofSeconds(5)).until(c::closedByServer);
            assertThat(c.received()).startsWith("HTTP/1.1 400 Bad Request")
                    .contains("Content-Type: application/json")
                    .endsWith("{\"error\":\"invalid chunked body: a chunk size is not a hexadecimal number\"}");
        }
        assertThat(closes).containsExactly(CloseReason.BAD_CHUNK);
    }

    @Test
    void oneConnectionOverTheLimitIsClosedAndANewOneWorksOnceSomeClose() throws Exception {
        RawConnection a = new RawConnection(port);
        RawConnection b = new RawConnection(port);
        RawConnection c = new RawConnection(port);
        await().atMost(Duration.ofSeconds(5)).until(() -> guard.open() == 3);
        try (RawConnection over = new RawConnection(port)) {
            await().atMost(Duration.ofSeconds(5)).until(over::closedByServer);
            assertThat(over.received()).isEmpty();
        }
        assertThat(closes).containsExactly(CloseReason.LIMIT);
        a.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> guard.open() == 2);
        try (RawConnection again = new RawConnection(port)) {
            again.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab");
            await().atMost(Duration.ofSeconds(5)).until(() -> again.closedByServer() || again.received().endsWith("ok 2"));
            assertThat(again.received()).startsWith("HTTP/1.1 200 OK");
        }
        b.close();
        c.close();
    }
}
