package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.ServerFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile bodies through HTTP, against a gateway in front of a real {@code mlp} model server: each
 * gets a 400 or 413 whose JSON says why (from the gateway's peek or the model server's decoder, as the
 * case may be), and after each the gateway still answers a normal request with the model's 200.
 */
class HostileBodiesWithRealBackendTest {

    private static final int MAX_BODY = 64 * 1024;
    static ServerFixture backend;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = new ServerFixture("mlp", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 16), Ticker.system()), 64L << 20);
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1, maxBodyBytes: %d}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                """.formatted(MAX_BODY, backend.http().port()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    static Stream<Arguments> hostile() {
        String mlp = new String(Bodies.mlp(1, 1), StandardCharsets.UTF_8);
        byte[] overflowJson = json("{'inputs':[{'name':'input','shape':[9007199254740993,512],'datatype':'FP32',"
                + "'parameters':{'binary_data_size':2048}}]}");
        byte[] bytesJson = json("{'inputs':[{'name':'input','shape':[1],'datatype':'BYTES',"
                + "'parameters':{'binary_data_size':8}}]}");
        return Stream.of(
                hostile("truncated after the shape", mlp.substring(0, mlp.length() / 2), Map.of(), 400, "not valid JSON"),
                hostile("10^4 nested arrays in data before the shape", "{'inputs':[{'name':'input','data':" + "[".repeat(10_000)
                        + "]".repeat(10_000) + ",'shape':[1,512],'datatype':'FP32'}]}", Map.of(), 400, "nesting depth"),
                hostile("10^4 nested objects in an unknown field", "{\"x\":" + "{\"a\":".repeat(10_000) + "1"
                        + "}".repeat(10_001), Map.of(), 400, "nesting depth"),
                hostile("a shape of 2^40 elements and one value", "{'inputs':[{'name':'input','shape':[2048,536870912],"
                        + "'datatype':'FP32','data':[1]}]}", Map.of(), 400, "needs 1099511627776"),
                hostile("a shape product past a long", "{'inputs':[{'name':'input','shape':[2147483648,2147483648,512],"
                        + "'datatype':'FP32','data':[1]}]}", Map.of(), 400, "has too many elements"),
                hostile("1e400 in a shape", "{'inputs':[{'name':'input','shape':[1e400,512],'datatype':'FP32','data':[1]}]}",
                        Map.of(), 400, "expected an array of non-negative integers"),
                hostile("1e400 in the data", "{'inputs':[{'name':'input','shape':[1,1],'datatype':'FP32','data':[1e400]}]}",
                        Map.of(), 400, "out of range for FP32"),
                hostile("INT64 for an FP32 input", "{'inputs':[{'name':'input','shape':[1,512],'datatype':'INT64','data':["
                        + "0,".repeat(511) + "0]}]}", Map.of(), 400, "INT64 (expected: FP32"),
                hostile("invalid UTF-8 in a name", bytes(json("{'inputs':[{'name':'in"), new byte[] {(byte) 0xff},
                        json("','shape':[1,1],'datatype':'FP32','data':[1]}]}")), Map.of(), 400, "Invalid UTF-8"),
                hostile("a header length past the body", mlp, Map.of("Inference-Header-Content-Length", "999999"), 400,
                        "is past the end of the"),
                hostile("a negative header length", mlp, Map.of("Inference-Header-Content-Length", "-5"), 400,
                        "(expected: >= 0)"),
                hostile("a header length that is no number", mlp, Map.of("Inference-Header-Content-Length", "12abc"), 400,
                        "(expected: the JSON header's length in bytes)"),
                hostile("binary sizes whose byte count overflows a long", bytes(overflowJson, new byte[2048]),
                        Map.of("Inference-Header-Content-Length", Integer.toString(overflowJson.length)), 400,
                        "needs 4611686018427388416 x 4"),
                hostile("a BYTES length claiming 4 GiB", bytes(bytesJson, le(-1), le(0)), Map.of(
                        "Inference-Header-Content-Length", Integer.toString(bytesJson.length)), 400,
                        "BYTES element 0 of 4294967295 bytes"),
                hostile("gzip that is not gzip", mlp, Map.of("Content-Encoding", "gzip"), 400, "is not valid gzip"),
                hostile("a timeout that is no number", mlp, Map.of("X-Request-Timeout-Ms", "1e400"), 400,
                        "X-Request-Timeout-Ms"),
                hostile("an empty body", "", Map.of(), 400, "body: empty"),
                hostile("a body over the listener's limit", "{\"x\":\"" + "a".repeat(MAX_BODY) + "\"}", Map.of(), 413,
                        "larger than the limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRefusedWithAJsonReasonAndTheGatewayStaysHealthy(String what, byte[] body, Map<String, String> extra,
            int status, String reason) {
        Map<String, String> headers = new HashMap<>(extra);
        headers.putIfAbsent("Content-Type", "application/json");

        HttpResponse<Buffer> answer = gateway.http.post("/v2/models/mlp/infer", body, headers);

        assertThat(answer.statusCode()).as(what).isEqualTo(status);
        assertThat(answer.getHeader("Content-Type")).as(what).startsWith("application/json");
        JsonObject error = answer.bodyAsJsonObject();
        assertThat(error.getString("error")).as(what).contains(reason);

        HttpResponse<Buffer> normal = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(2, 7),
                Map.of("Content-Type", "application/json"));
        assertThat(normal.statusCode()).as("a normal request after %s", what).isEqualTo(200);
        assertThat(normal.bodyAsJsonObject().getJsonArray("outputs")).isNotEmpty();
    }

    private static Arguments hostile(String what, String body, Map<String, String> headers, int status, String reason) {
        return hostile(what, json(body), headers, status, reason);
    }

    private static Arguments hostile(String what, byte[] body, Map<String, String> headers, int status, String reason) {
        return Arguments.of(what, body, headers, status, reason);
    }

    /** Single quotes as double quotes, for readability; the text is otherwise sent as it is. */
    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] bytes(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
