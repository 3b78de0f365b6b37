package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend's answer reaches the client with every end-to-end header it sent, a compressed body still labelled so. */
class ResponseHeadersWithBackendTest {

    static final String BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    WireMockServer backend;
    TestGateway gateway;

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        backend.stop();
    }

    @Test
    void aGzipAnswerKeepsItsContentEncodingAndEveryEndToEndHeader() throws Exception {
        backend = ReadyBackend.start();
        backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                .withHeader("Vary", "Accept-Encoding").withHeader("X-Model-Revision", "7")
                .withHeader("X-Request-Id", "backend-made-this-up").withBody(gzip(BODY))));
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                """.formatted(backend.port()));

        HttpResponse<Buffer> r = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("Content-Type", "application/json", "Accept-Encoding", "gzip", "X-Request-Id", "client-id"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(r.getHeader("Vary")).isEqualTo("Accept-Encoding");
        assertThat(r.getHeader("X-Model-Revision")).isEqualTo("7");
        assertThat(r.headers().getAll("X-Request-Id")).as("the gateway's id wins, once").containsExactly("client-id");
        assertThat(r.getHeader("X-Shunt-Pool")).isEqualTo("cpu");
        assertThat(gunzip(r.body().getBytes())).isEqualTo(BODY);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] bytes) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
