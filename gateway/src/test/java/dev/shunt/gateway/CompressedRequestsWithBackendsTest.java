package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compressed request bodies, as Triton's client sends them: classified from their inflated start and
 * forwarded byte for byte, still compressed.
 */
class CompressedRequestsWithBackendsTest {

    static final String BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    WireMockServer cpu;
    WireMockServer gpu;
    TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        cpu = ReadyBackend.start();
        gpu = ReadyBackend.start();
        for (WireMockServer w : List.of(cpu, gpu)) {
            w.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(BODY)));
        }
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                  gpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}
                """.formatted(cpu.port(), gpu.port()));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        cpu.stop();
        gpu.stop();
    }

    HttpResponse<Buffer> infer(byte[] body, String encoding) {
        return gateway.http.post("/v2/models/mlp/infer", body,
                Map.of("Content-Type", "application/json", "Content-Encoding", encoding));
    }

    @Test
    void aGzipBodyIsClassifiedByItsRowsAndForwardedCompressedAsItCame() throws Exception {
        byte[] json = Bodies.mlp(8, 3);

        HttpResponse<Buffer> r = infer(compress(json, "gzip"), "gzip");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("X-Shunt-Pool")).isEqualTo("gpu");
        assertThat(r.getHeader("X-Shunt-Reason")).isEqualTo("size>4");
        // WireMock inflates what it receives: the body arrived gzip-encoded, and inflates to the client's bytes
        gpu.verify(postRequestedFor(urlPathMatching("/v2/models/.*"))
                .withHeader("Content-Encoding", equalTo("gzip")).withRequestBody(binaryEqualTo(json)));
    }

    @Test
    void aDeflateBodyOfFewRowsGoesToTheSmallPool() throws Exception {
        HttpResponse<Buffer> r = infer(compress(Bodies.mlp(2, 4), "deflate"), "deflate");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("X-Shunt-Pool")).isEqualTo("cpu");
    }

    @Test
    void aBodyThatIsNotWhatItsEncodingSaysIs400() {
        HttpResponse<Buffer> r = infer(Bodies.mlp(1, 1), "gzip");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("Content-Encoding: gzip (the body is not valid gzip");
    }

    @Test
    void anEncodingNeitherSideSpeaksIs400NamingTheOnesItDoes() {
        HttpResponse<Buffer> r = infer(Bodies.mlp(1, 1), "br");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("Content-Encoding: br (expected: gzip, deflate or identity)");
    }

    @Test
    void aBombIsInflatedNoFurtherThanThePeekNeeds() throws Exception {
        // 32 MiB of zeros, 32 KiB compressed: the gateway inflates 64 KiB of it and forwards it
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 32; i++) {
                z.write(zeros);
            }
        }
        HttpResponse<Buffer> r = gateway.http.post("/v2/models/mlp/infer", out.toByteArray(), Map.of("Content-Type",
                "application/json", "Content-Encoding", "gzip", "X-Request-Timeout-Ms", "30000"));

        assertThat(r.statusCode()).as("the backend decides what the whole body is worth").isEqualTo(200);
        assertThat(r.getHeader("X-Shunt-Pool")).as("unknown rows count as one").isEqualTo("cpu");
    }

    private static byte[] compress(byte[] body, String encoding) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = encoding.equals("gzip") ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            z.write(body);
        }
        return out.toByteArray();
    }
}
