package dev.shunt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.backend.testing.BinaryMessages;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.EncodedMessage;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InferenceRequest;
import dev.shunt.protocol.InferenceResponse;
import dev.shunt.protocol.RequestedOutput;
import dev.shunt.protocol.TensorData;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Triton's binary tensor data extension on the CPU server with real DJL inference of the embedded
 * mlp: binary requests answer what their JSON twins answer, outputs come in binary when asked for,
 * and every malformed body is a 400 that says what was wrong.
 */
class BinaryTensorsWithDjlTest {

    static final InferenceCodec CODEC = new InferenceCodec();
    static final String INFER = "/v2/models/mlp/infer";
    static ServerFixture server;

    @BeforeAll
    static void start() throws Exception {
        server = MlpServers.start();
    }

    @AfterAll
    static void stop() throws Exception {
        List<String> blocked = server.blockedEventLoopReports();
        server.close();
        assertThat(blocked).as("event loops must never block").isEmpty();
    }

    static InferenceRequest mlpRequest(int rows, long seed, Map<String, Object> parameters, List<RequestedOutput> outputs) {
        return new InferenceRequest("bin-" + seed, parameters, List.of(InferInput.of("input", new long[] {rows, 512},
                Datatype.FP32, new TensorData.Floats(Bodies.randomValues(rows * 512, seed)))), outputs);
    }

    /** What the server answers the same request sent as JSON alone, with no output asked for in binary. */
    static InferenceResponse jsonAnswer(InferenceRequest request) {
        Map<String, Object> parameters = new java.util.HashMap<>(request.parameters());
        parameters.remove(BinaryTensors.ALL_OUTPUTS_PARAMETER);
        InferenceRequest twin = new InferenceRequest(request.id(), parameters, request.inputs(),
                request.outputs().stream().map(o -> new RequestedOutput(o.name(), Map.of())).toList());
        HttpResponse<Buffer> response = server.http().post(INFER, CODEC.encodeRequest(twin));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        return CODEC.decodeResponse(response.body().getBytes());
    }

    static String error(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        return CODEC.decodeError(response.body().getBytes()).error();
    }

    static HttpResponse<Buffer> postRaw(byte[] body, String headerLength) {
        return server.http().post(INFER, body, Map.of("Content-Type", "application/octet-stream",
                BinaryTensors.HEADER_LENGTH, headerLength));
    }

    @Test
    void aBinaryRequestIsAnsweredInJsonWithTheSameOutputsAsTheJsonRequest() {
        InferenceRequest request = mlpRequest(2, 21, Map.of(), List.of());
        EncodedMessage binary = CODEC.encodeRequest(request, name -> true);

        HttpResponse<Buffer> response = BinaryMessages.post(server.http(), INFER, binary);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.getHeader(BinaryTensors.HEADER_LENGTH)).isNull();
        assertThat(CODEC.decodeResponse(response.body().getBytes())).isEqualTo(jsonAnswer(request));
    }

    @Test
    void anOutputAskedForInBinaryComesAfterTheJsonHeader() {
        InferenceRequest request = mlpRequest(3, 22, Map.of(),
                List.of(new RequestedOutput("output", Map.of(BinaryTensors.OUTPUT_PARAMETER, true))));

        HttpResponse<Buffer> response = BinaryMessages.post(server.http(), INFER, CODEC.encodeRequest(request, name -> true));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        int jsonLength = Integer.parseInt(response.getHeader(BinaryTensors.HEADER_LENGTH));
        byte[] body = response.body().getBytes();
        assertThat(body.length).as("3 rows of 10 FP32 after the JSON").isEqualTo(jsonLength + 3 * 10 * 4);
        assertThat(new String(body, 0, jsonLength, StandardCharsets.UTF_8))
                .contains("\"name\":\"output\",\"datatype\":\"FP32\",\"shape\":[3,10],\"parameters\":{\"binary_data_size\":120}")
                .doesNotContain("\"data\"");
        assertThat(BinaryMessages.decode(response)).isEqualTo(jsonAnswer(request));
    }

    @Test
    void binaryDataOutputAsksForEveryOutputInBinaryUnlessAnOutputSaysOtherwise() {
        InferenceRequest all = mlpRequest(1, 23, Map.of(BinaryTensors.ALL_OUTPUTS_PARAMETER, true), List.of());
        HttpResponse<Buffer> binary = server.http().post(INFER, CODEC.encodeRequest(all));

        assertThat(binary.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(BinaryMessages.decode(binary)).isEqualTo(jsonAnswer(all));

        InferenceRequest butNotThis = mlpRequest(1, 23, Map.of(BinaryTensors.ALL_OUTPUTS_PARAMETER, true),
                List.of(new RequestedOutput("output", Map.of(BinaryTensors.OUTPUT_PARAMETER, false))));
        HttpResponse<Buffer> json = server.http().post(INFER, CODEC.encodeRequest(butNotThis));

        assertThat(json.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(json.getHeader(BinaryTensors.HEADER_LENGTH)).isNull();
        assertThat(CODEC.decodeResponse(json.body().getBytes()).outputs())
                .isEqualTo(BinaryMessages.decode(binary).outputs());
    }

    @Test
    void aLargeBinaryRequestIsDecodedOffTheEventLoopAndAnsweredTheSame() {
        InferenceRequest request = mlpRequest(64, 24, Map.of(BinaryTensors.ALL_OUTPUTS_PARAMETER, true), List.of());
        EncodedMessage binary = CODEC.encodeRequest(request, name -> true);
        assertThat(binary.bytes().length).as("over the inline decode limit").isGreaterThan(64 * 1024);

        HttpResponse<Buffer> response = BinaryMessages.post(server.http(), INFER, binary);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(BinaryMessages.decode(response)).isEqualTo(jsonAnswer(request));
    }

    @Test
    void aGzippedBinaryRequestIsReadWithTheHeaderCountingTheInflatedBody() throws IOException {
        InferenceRequest request = mlpRequest(2, 25, Map.of(), List.of());
        EncodedMessage binary = CODEC.encodeRequest(request, name -> true);
        Map<String, String> headers = new java.util.HashMap<>(BinaryMessages.headers(binary));
        headers.put("Content-Encoding", "gzip");

        HttpResponse<Buffer> response = server.http().post(INFER, gzip(binary.bytes()), headers);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(CODEC.decodeResponse(response.body().getBytes())).isEqualTo(jsonAnswer(request));
    }

    @Test
    void aBinaryAnswerIsCompressedForAClientThatAcceptsGzip() throws IOException {
        InferenceRequest request = mlpRequest(4, 26, Map.of(BinaryTensors.ALL_OUTPUTS_PARAMETER, true), List.of());
        EncodedMessage binary = CODEC.encodeRequest(request, name -> true);
        Map<String, String> headers = new java.util.HashMap<>(BinaryMessages.headers(binary));
        headers.put("Accept-Encoding", "gzip");

        HttpResponse<Buffer> response = server.http().post(INFER, binary.bytes(), headers);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        byte[] inflated;
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(response.body().getBytes()))) {
            inflated = in.readAllBytes();
        }
        assertThat(BinaryMessages.decode(response, inflated)).as("the header counts the inflated body")
                .isEqualTo(jsonAnswer(request));
    }

    @Test
    void binarySizesThatDoNotFitTheShapeAre400NamingTheInput() {
        byte[] json = json("{'inputs':[{'name':'input','shape':[1,512],'datatype':'FP32','parameters':{'binary_data_size':12}}]}");
        HttpResponse<Buffer> response = postRaw(concat(json, new byte[12]), Integer.toString(json.length));

        assertThat(error(response)).isEqualTo("inputs[0].parameters.binary_data_size: 12 bytes, but FP32 shape [1,512] needs 2048");
    }

    @Test
    void aTruncatedBodyIs400NamingTheInput() {
        byte[] json = json("{'inputs':[{'name':'input','shape':[1,512],'datatype':'FP32','parameters':{'binary_data_size':2048}}]}");
        HttpResponse<Buffer> response = postRaw(concat(json, new byte[1000]), Integer.toString(json.length));

        assertThat(error(response)).isEqualTo("inputs[0].parameters.binary_data_size: 2048 bytes from byte 0 of the binary"
                + " data, but only 1000 remain (a truncated body, or a wrong Inference-Header-Content-Length?)");
    }

    @Test
    void bytesAfterTheLastTensorAre400() {
        byte[] json = json("{'inputs':[{'name':'input','shape':[1,512],'datatype':'FP32','parameters':{'binary_data_size':2048}}]}");
        HttpResponse<Buffer> response = postRaw(concat(json, new byte[2050]), Integer.toString(json.length));

        assertThat(error(response)).isEqualTo("body: 2 bytes after the last binary tensor: the binary_data_size values add"
                + " up to 2048 bytes, and the body has 2050 after its " + json.length + "-byte JSON header");
    }

    @Test
    void aBadHeaderValueIs400SayingWhatWasExpected() {
        byte[] body = CODEC.encodeRequest(mlpRequest(1, 27, Map.of(), List.of()), name -> true).bytes();

        assertThat(error(postRaw(body, "lots"))).isEqualTo(
                "Inference-Header-Content-Length: lots (expected: the JSON header's length in bytes)");
        assertThat(error(postRaw(body, "-1"))).isEqualTo("Inference-Header-Content-Length: -1 (expected: >= 0)");
        assertThat(error(postRaw(body, Integer.toString(body.length + 1)))).isEqualTo("Inference-Header-Content-Length: "
                + (body.length + 1) + " is past the end of the " + body.length + "-byte body");
    }

    @Test
    void aBinaryTensorWithoutTheHeaderIs400() {
        EncodedMessage binary = CODEC.encodeRequest(mlpRequest(1, 28, Map.of(), List.of()), name -> true);

        HttpResponse<Buffer> response = server.http().post(INFER, binary.bytes(), Map.of("Content-Type", "application/json"));

        assertThat(error(response)).startsWith("body: not valid JSON");
        byte[] header = java.util.Arrays.copyOf(binary.bytes(), binary.jsonLength());
        assertThat(error(server.http().post(INFER, header))).isEqualTo("inputs[0].parameters.binary_data_size: binary tensor"
                + " data needs the Inference-Header-Content-Length header, and the message has none");
    }

    @Test
    void aBytesInputForAnFp32InputIs400NamingIt() {
        InferenceRequest text = new InferenceRequest(null, Map.of(), List.of(InferInput.of("input", new long[] {1, 512},
                Datatype.BYTES, TensorData.Bytes.ofStrings(java.util.Collections.nCopies(512, "word")))), List.of());

        assertThat(error(BinaryMessages.post(server.http(), INFER, CODEC.encodeRequest(text, name -> true))))
                .isEqualTo("inputs[0].datatype: BYTES (expected: FP32, the datatype of input \"input\")");
        assertThat(error(server.http().post(INFER, CODEC.encodeRequest(text))))
                .isEqualTo("inputs[0].datatype: BYTES (expected: FP32, the datatype of input \"input\")");
    }

    @Test
    void serverMetadataListsTheExtension() {
        assertThat(CODEC.decodeServerMetadata(server.http().get("/v2").body().getBytes()).extensions())
                .containsExactly(BinaryTensors.EXTENSION);
    }

    @Test
    void aBadBinaryRequestLosesNothing() {
        assertThat(postRaw(new byte[] {1, 2, 3}, "3").statusCode()).isEqualTo(400);
        InferenceRequest request = mlpRequest(1, 29, Map.of(BinaryTensors.ALL_OUTPUTS_PARAMETER, true), List.of());
        HttpResponse<Buffer> after = BinaryMessages.post(server.http(), INFER, CODEC.encodeRequest(request, name -> true));
        assertThat(after.statusCode()).isEqualTo(200);
        List<InferOutput> outputs = BinaryMessages.decode(after).outputs();
        assertThat(outputs).hasSize(1);
        assertThat(outputs.get(0).shape()).containsExactly(1, 10);
    }

    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }
}
