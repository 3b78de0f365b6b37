package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.EncodedMessage;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InferenceRequest;
import dev.shunt.protocol.InferenceResponse;
import dev.shunt.protocol.TensorData;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests and answers in Triton's binary tensor data extension through the gateway, with upstreams
 * that record what they received (WireMock): the peek reads the JSON header only, the splice fixes the
 * header length, answers and mirrored copies pass byte for byte.
 */
class BinaryTensorsThroughGatewayTest {

    static final InferenceCodec CODEC = new InferenceCodec();

    WireMockServer primary;
    WireMockServer shadow;
    TestGateway gateway;

    @BeforeEach
    void start() {
        primary = ReadyBackend.start();
        shadow = ReadyBackend.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        primary.stop();
        shadow.stop();
    }

    void gateway(String routeExtras) throws Exception {
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  gpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                  staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: gpu}]}
                    %s
                resilience:
                  classDeadlines: {realtime: 1h, standard: 1h, batch: 1h}
                """.formatted(primary.port(), shadow.port(), routeExtras));
        Readiness.awaitHealthy(gateway.server, "staging");
    }

    /** A convnet-like batch: 4 rows of 3x8x8 FP32 in binary, and a small INT64 input in JSON. */
    static InferenceRequest request() {
        float[] pixels = new float[4 * 3 * 8 * 8];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 97) / 7f;
        }
        return new InferenceRequest("req-1", null, List.of(
                InferInput.of("input", new long[] {4, 3, 8, 8}, Datatype.FP32, new TensorData.Floats(pixels)),
                InferInput.of("mask", new long[] {4}, Datatype.INT64, new TensorData.Longs(new long[] {1, 0, 1, 0}))),
                null);
    }

    static EncodedMessage binaryRequest() {
        return CODEC.encodeRequest(request(), "input"::equals);
    }

    HttpResponse<Buffer> send(EncodedMessage message, Map<String, String> extra) {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        headers.put(BinaryTensors.HEADER_LENGTH, Integer.toString(message.jsonLength()));
        headers.put("Content-Type", "application/octet-stream");
        return gateway.http.post("/v2/models/convnet/infer", message.bytes(), headers);
    }

    static List<LoggedRequest> received(WireMockServer backend) {
        return backend.findAll(postRequestedFor(urlPathMatching("/v2/models/.*")));
    }

    void answerJson(WireMockServer backend) {
        backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(CODEC.encodeResponse(response()))));
    }

    static InferenceResponse response() {
        return new InferenceResponse("convnet", "1", "req-1", null, List.of(InferOutput.of("logits", new long[] {4, 10},
                Datatype.FP32, new TensorData.Floats(new float[40]))));
    }

    @Test
    void theBackendGetsTheTimeoutInTheJsonHeaderAndAHeaderLengthThatFitsIt() throws Exception {
        answerJson(primary);
        gateway("");
        EncodedMessage message = binaryRequest();

        HttpResponse<Buffer> answer = send(message, Map.of("X-Request-Timeout-Ms", "5000", "X-Latency-Class", "batch"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.getHeader("X-Shunt-Reason")).isNotBlank();
        LoggedRequest got = received(primary).get(0);
        int jsonLength = Integer.parseInt(got.getHeader(BinaryTensors.HEADER_LENGTH));
        InferenceRequest seen = CODEC.decodeRequest(got.getBody(), 0, got.getBody().length, jsonLength);
        assertThat(((Number) seen.parameters().get("timeout")).longValue()).as("microseconds left of 5 s")
                .isBetween(1L, 5_000_000L);
        assertThat(seen.inputs()).as("tensors as the client sent them").isEqualTo(request().inputs());
        byte[] tail = Arrays.copyOfRange(got.getBody(), jsonLength, got.getBody().length);
        assertThat(tail).as("the binary part byte for byte")
                .isEqualTo(Arrays.copyOfRange(message.bytes(), message.jsonLength(), message.bytes().length));
    }

    @Test
    void theRoutesPriorityForTheClassGoesIntoTheBody() throws Exception {
        answerJson(primary);
        gateway("priority: {realtime: 1, batch: 3}");

        assertThat(send(binaryRequest(), Map.of("X-Latency-Class", "realtime")).statusCode()).isEqualTo(200);
        assertThat(send(binaryRequest(), Map.of("X-Latency-Class", "batch")).statusCode()).isEqualTo(200);
        assertThat(send(binaryRequest(), Map.of("X-Latency-Class", "standard")).statusCode()).isEqualTo(200);

        List<Object> priorities = received(primary).stream().map(r -> {
            int jsonLength = Integer.parseInt(r.getHeader(BinaryTensors.HEADER_LENGTH));
            return CODEC.decodeRequest(r.getBody(), 0, r.getBody().length, jsonLength).parameters().get("priority");
        }).toList();
        assertThat(priorities).containsExactly(1L, 3L, null);
    }

    @Test
    void aHeaderLengthPastTheBodyIsRefusedByTheGateway() throws Exception {
        answerJson(primary);
        gateway("");
        EncodedMessage message = binaryRequest();

        HttpResponse<Buffer> answer = gateway.http.post("/v2/models/convnet/infer", message.bytes(),
                Map.of(BinaryTensors.HEADER_LENGTH, Integer.toString(message.bytes().length + 1)));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("Inference-Header-Content-Length: "
                + (message.bytes().length + 1) + " is past the end of the " + message.bytes().length + "-byte body");
        assertThat(received(primary)).isEmpty();
    }

    @Test
    void aBinaryAnswerComesBackByteForByteWithItsHeaderLength() throws Exception {
        EncodedMessage binary = CODEC.encodeResponse(response(), name -> true);
        primary.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream")
                .withHeader(BinaryTensors.HEADER_LENGTH, Integer.toString(binary.jsonLength()))
                .withBody(binary.bytes())));
        gateway("");

        HttpResponse<Buffer> answer = send(binaryRequest(), Map.of());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.getHeader(BinaryTensors.HEADER_LENGTH)).isEqualTo(Integer.toString(binary.jsonLength()));
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(answer.body().getBytes()).isEqualTo(binary.bytes());
    }

    @Test
    void mirroredCopiesAreTheClientsBytesAndBinaryAnswersAreCompared() throws Exception {
        EncodedMessage binary = CODEC.encodeResponse(response(), Set.of("logits")::contains);
        primary.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                .withHeader(BinaryTensors.HEADER_LENGTH, Integer.toString(binary.jsonLength()))
                .withBody(binary.bytes())));
        answerJson(shadow); // the same values as JSON: the comparison decodes both
        gateway("mirror: {pool: staging, percent: 100}");
        EncodedMessage message = binaryRequest();

        assertThat(send(message, Map.of("X-Request-Timeout-Ms", "5000")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> received(shadow).size() == 1);
        LoggedRequest copy = received(shadow).get(0);
        assertThat(copy.getBody()).as("the client's body, not the primary's spliced one").isEqualTo(message.bytes());
        assertThat(copy.getHeader(BinaryTensors.HEADER_LENGTH)).isEqualTo(Integer.toString(message.jsonLength()));
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("shunt_shadow_samples{route=\"default\"}").endsWith(" 1.0"));
        assertThat(metric("shunt_shadow_agreement_ratio{route=\"default\"}")).endsWith(" 1.0");
    }

    @Test
    void aCompressedBinaryRequestIsClassifiedFromItsInflatedHeaderAndForwardedUntouched() throws Exception {
        answerJson(primary);
        gateway("");
        EncodedMessage message = binaryRequest();
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(message.bytes());
        }
        byte[] body = zipped.toByteArray();

        HttpResponse<Buffer> answer = gateway.http.post("/v2/models/convnet/infer", body, Map.of(
                "Content-Encoding", "gzip", BinaryTensors.HEADER_LENGTH, Integer.toString(message.jsonLength()),
                "X-Request-Timeout-Ms", "5000"));

        assertThat(answer.statusCode()).isEqualTo(200);
        LoggedRequest got = received(primary).get(0);
        assertThat(got.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(got.getBody()).as("still compressed, no splice: WireMock inflates it to the client's bytes")
                .isEqualTo(message.bytes());
        assertThat(got.getHeader(BinaryTensors.HEADER_LENGTH)).isEqualTo(Integer.toString(message.jsonLength()));
        HttpResponse<Buffer> pastTheEnd = gateway.http.post("/v2/models/convnet/infer", body, Map.of(
                "Content-Encoding", "gzip", BinaryTensors.HEADER_LENGTH, Integer.toString(message.bytes().length + 5)));
        assertThat(pastTheEnd.statusCode()).isEqualTo(400);
        assertThat(pastTheEnd.bodyAsJsonObject().getString("error")).isEqualTo("Inference-Header-Content-Length: "
                + (message.bytes().length + 5) + " is past the end of the " + message.bytes().length + "-byte body (inflated)");
    }

    @Test
    void serverMetadataListsTheExtension() throws Exception {
        gateway("");

        assertThat(gateway.http.get("/v2").bodyAsJsonObject().getJsonArray("extensions").getList())
                .contains(BinaryTensors.EXTENSION);
    }

    String metric(String series) {
        return gateway.http.get("/metrics").bodyAsString().lines().filter(l -> l.startsWith(series)).findFirst()
                .orElse(series + " <absent>");
    }
}
