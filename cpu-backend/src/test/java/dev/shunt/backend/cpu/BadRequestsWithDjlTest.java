package dev.shunt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.protocol.InferenceCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bad input gets the right status and a JSON error that says what was wrong; nothing else is lost. */
class BadRequestsWithDjlTest {

    static final InferenceCodec CODEC = new InferenceCodec();
    static final int BODY_CAP = 16 * 1024;
    static ServerFixture server;

    @BeforeAll
    static void start() throws Exception {
        server = new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                model -> WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 16), Ticker.system()), BODY_CAP);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static HttpResponse<Buffer> post(String path, String body, Map<String, String> headers) {
        return server.http().post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static HttpResponse<Buffer> post(String body) {
        return post("/v2/models/mlp/infer", body, Map.of());
    }

    static void assertError(HttpResponse<Buffer> response, int status, String message) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(CODEC.decodeError(response.body().getBytes()).error()).contains(message);
    }

    @Test
    void malformedJson() {
        assertError(post("{\"inputs\": [ {\"name\": "), 400, "body: not valid JSON");
        assertError(post(""), 400, "body");
    }

    @Test
    void wrongShapeNamesTheFieldAndTheExpectedShape() {
        assertError(post("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,3],\"data\":[1,2,3]}]}"),
                400, "inputs[0].shape: [1,3] does not fit [-1,512]");
    }

    @Test
    void dataCountThatDoesNotMatchTheShape() {
        StringBuilder body = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,512],\"data\":[");
        for (int i = 0; i < 511; i++) {
            body.append(i == 0 ? "" : ",").append(1);
        }
        body.append("]}]}");
        assertError(post(body.toString()), 400, "inputs[0].data: 511 values, shape [1,512] needs 512");
    }

    @Test
    void wrongDatatypeAndUnknownInput() {
        assertError(post("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"INT64\",\"shape\":[1,512],\"data\":"
                + zeros(512) + "}]}"), 400, "inputs[0].datatype: INT64 (expected: FP32, the datatype of input \"input\")");
        assertError(post("{\"inputs\":[{\"name\":\"pixels\",\"datatype\":\"FP32\",\"shape\":[1,512],\"data\":"
                + zeros(512) + "}]}"), 400, "\"pixels\" is not an input of model mlp");
        assertError(post("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP33\",\"shape\":[1,1],\"data\":[1]}]}"),
                400, "inputs[0].datatype: \"FP33\" is not a datatype");
    }

    @Test
    void unknownRequestedOutput() {
        assertError(post("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,512],\"data\":"
                + zeros(512) + "}],\"outputs\":[{\"name\":\"logits\"}]}"), 400, "\"logits\" is not an output of model mlp");
    }

    @Test
    void unknownModelAndVersion() {
        assertError(post("/v2/models/bert/infer", "{}", Map.of()), 404, "model \"bert\" is not served here (serving: mlp)");
        assertError(post("/v2/models/mlp/versions/7/infer", "{}", Map.of()), 404, "model mlp has no version \"7\"");
        assertError(server.http().get("/v2/models/bert"), 404, "model \"bert\" is not served here");
    }

    @Test
    void oversizedBody() {
        byte[] big = Bodies.mlp(8, 1);
        assertThat(big.length).isGreaterThan(BODY_CAP);
        HttpResponse<Buffer> response = server.http().post("/v2/models/mlp/infer", big);
        assertError(response, 413, "larger than the limit of " + BODY_CAP + " bytes");
    }

    @Test
    void badHeaders() {
        String ok = new String(Bodies.mlp(1, 2), StandardCharsets.UTF_8);
        assertError(post("/v2/models/mlp/infer", ok, Map.of("X-Latency-Class", "urgent")), 400,
                "X-Latency-Class: \"urgent\" (expected: realtime, standard or batch)");
        assertError(post("/v2/models/mlp/infer", ok, Map.of("X-Request-Timeout-Ms", "soon")), 400,
                "X-Request-Timeout-Ms: \"soon\"");
        assertError(post("/v2/models/mlp/infer", ok, Map.of("Inference-Header-Content-Length", "10")), 400,
                "body: not valid JSON"); // the first 10 bytes are read as the JSON header
    }

    @Test
    void unknownPathAndWrongMethod() {
        assertError(server.http().get("/v3/nothing"), 404, "no such endpoint: GET /v3/nothing");
        assertError(server.http().get("/v2/models/mlp/infer"), 405, "method GET is not allowed");
    }

    @Test
    void curlsDefaultFormTypeIsReadAsJsonAndMultipartIsRefused() {
        String ok = new String(Bodies.mlp(1, 4), StandardCharsets.UTF_8);
        assertThat(post("/v2/models/mlp/infer", ok, Map.of("Content-Type", "application/x-www-form-urlencoded"))
                .statusCode()).isEqualTo(200);
        assertError(post("/v2/models/mlp/infer", ok, Map.of("Content-Type", "multipart/form-data; boundary=x")), 400,
                "Content-Type: multipart (expected: application/json)");
    }

    @Test
    void aBadRequestLosesNothing() {
        assertThat(post("{").statusCode()).isEqualTo(400);
        HttpResponse<Buffer> after = server.http().post("/v2/models/mlp/infer", Bodies.mlp(1, 9));
        assertThat(after.statusCode()).isEqualTo(200);
    }

    private static String zeros(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "0" : ",0");
        }
        return sb.append(']').toString();
    }
}
