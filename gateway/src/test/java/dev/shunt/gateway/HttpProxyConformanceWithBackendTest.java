package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an HTTP proxy owes its clients and upstreams (RFC 9110): 100 Continue, header room, forwarding headers. */
class HttpProxyConformanceWithBackendTest {

    static final String BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    WireMockServer backend;
    TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        backend = ReadyBackend.start();
        backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(BODY)));
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                """.formatted(backend.port()));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        backend.stop();
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        byte[] body = Bodies.mlp(1, 1);
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(500); // curl waits 1 s for the 100 before it sends the body anyway
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/models/mlp/infer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(readLine(in)).isEqualTo("HTTP/1.1 100 Continue");
            readLine(in); // the blank line after the interim answer
            out.write(body);
            out.flush();
            socket.setSoTimeout(5000);
            assertThat(readLine(in)).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aNineKilobyteHeaderFitsTheDefaultLimit() {
        String jwt = "a".repeat(9 * 1024);
        HttpResponse<Buffer> r = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + jwt));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void backendsLearnWhoAskedAndThroughWhom() {
        HttpResponse<Buffer> r = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("Content-Type", "application/json", "X-Forwarded-For", "203.0.113.7", "Via", "1.1 edge-lb"));
        assertThat(r.statusCode()).isEqualTo(200);
        backend.verify(postRequestedFor(urlPathMatching("/v2/models/.*"))
                .withHeader("X-Forwarded-For", equalTo("203.0.113.7, 127.0.0.1"))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("Via", equalTo("1.1 edge-lb, 1.1 shunt")));
    }

    @Test
    void aPoolsHostIsTheHostItsBackendsGet() throws Exception {
        gateway.close();
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  kserve: {backends: ["127.0.0.1:%d"], host: "mlp.models.example.com", healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: kserve}]}
                """.formatted(backend.port()));

        assertThat(gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(200);
        backend.verify(postRequestedFor(urlPathMatching("/v2/models/.*"))
                .withHeader("Host", equalTo("mlp.models.example.com")));
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
