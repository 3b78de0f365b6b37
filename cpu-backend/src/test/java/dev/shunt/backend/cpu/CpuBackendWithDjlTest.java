package dev.shunt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InferenceResponse;
import dev.shunt.protocol.TensorData;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CPU model server over real HTTP with real DJL inference of the embedded mlp. */
class CpuBackendWithDjlTest {

    static final InferenceCodec CODEC = new InferenceCodec();
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

    static float[] direct(float[] values, int rows) {
        try (ModelInstance instance = server.model().newInstance()) {
            InferInput input = InferInput.of("input", new long[] {rows, 512}, Datatype.FP32, new TensorData.Floats(values));
            return ((TensorData.Floats) instance.predict(List.of(input)).get(0).data()).values();
        }
    }

    static String error(HttpResponse<Buffer> response) {
        return CODEC.decodeError(response.body().getBytes()).error();
    }

    @Test
    void answersWithTheModelsOutputsAndTimingHeaders() {
        float[] values = Bodies.randomValues(512, 11);
        HttpResponse<Buffer> response = server.http().post("/v2/models/mlp/infer",
                Bodies.fp32Request("req-1", values, 1, 512),
                Map.of("Content-Type", "application/json", "X-Request-Id", "abc-123"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc-123");
        assertThat(Double.parseDouble(response.getHeader("X-Queue-Ms"))).isGreaterThanOrEqualTo(0);
        assertThat(Double.parseDouble(response.getHeader("X-Compute-Ms"))).isGreaterThan(0);
        assertThat(response.getHeader("X-Batch-Size")).isEqualTo("1");
        InferenceResponse body = CODEC.decodeResponse(response.body().getBytes());
        assertThat(body.modelName()).isEqualTo("mlp");
        assertThat(body.modelVersion()).isEqualTo("1");
        assertThat(body.id()).isEqualTo("req-1");
        assertThat(body.outputs()).hasSize(1);
        assertThat(body.outputs().get(0).shape()).containsExactly(1, 10);
        assertThat(((TensorData.Floats) body.outputs().get(0).data()).values()).containsExactly(direct(values, 1));
    }

    @Test
    void takesGzipAndDeflateRequestBodies() throws Exception {
        float[] values = Bodies.randomValues(2 * 512, 13);
        byte[] json = Bodies.fp32Request("req-z", values, 2, 512);
        for (String encoding : new String[] {"gzip", "deflate"}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.io.OutputStream z = encoding.equals("gzip") ? new java.util.zip.GZIPOutputStream(out)
                    : new java.util.zip.DeflaterOutputStream(out)) {
                z.write(json);
            }
            HttpResponse<Buffer> response = server.http().post("/v2/models/mlp/infer", out.toByteArray(),
                    Map.of("Content-Type", "application/json", "Content-Encoding", encoding));

            assertThat(response.statusCode()).as(encoding + ": " + response.bodyAsString()).isEqualTo(200);
            InferenceResponse body = CODEC.decodeResponse(response.body().getBytes());
            assertThat(((TensorData.Floats) body.outputs().get(0).data()).values()).containsExactly(direct(values, 2));
        }
    }

    @Test
    void aCompressedBodyThatInflatesPastTheLimitIs413() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(new byte[16 * 1024 * 1024]); // 16 MiB of zeros, some 16 KiB compressed; the limit is 4 MiB
        }
        HttpResponse<Buffer> response = server.http().post("/v2/models/mlp/infer", out.toByteArray(),
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void answersEveryRowOfAMultiRowRequest() {
        float[] values = Bodies.randomValues(4 * 512, 12);
        HttpResponse<Buffer> response = server.http().post("/v2/models/mlp/versions/1/infer",
                Bodies.fp32Request(null, values, 4, 512));

        assertThat(response.statusCode()).isEqualTo(200);
        InferenceResponse body = CODEC.decodeResponse(response.body().getBytes());
        assertThat(body.outputs().get(0).shape()).containsExactly(4, 10);
        float[] got = ((TensorData.Floats) body.outputs().get(0).data()).values();
        float[] expected = direct(values, 4);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isCloseTo(expected[i], within(1e-5f));
        }
    }

    @Test
    void nestedDataIsAcceptedLikeFlatData() {
        StringBuilder nested = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,512],\"data\":[[");
        for (int i = 0; i < 512; i++) {
            nested.append(i == 0 ? "" : ",").append(i % 7);
        }
        nested.append("]]}],\"outputs\":[{\"name\":\"output\"}]}");
        HttpResponse<Buffer> response = server.http().post("/v2/models/mlp/infer",
                nested.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CODEC.decodeResponse(response.body().getBytes()).outputs().get(0).name()).isEqualTo("output");
    }

    @Test
    void reportsHealthAndMetadata() {
        assertThat(server.http().get("/v2/health/live").statusCode()).isEqualTo(200);
        assertThat(server.http().get("/v2/health/ready").statusCode()).isEqualTo(200);
        assertThat(server.http().get("/v2/models/mlp/ready").statusCode()).isEqualTo(200);
        assertThat(server.http().get("/v2/models/mlp/versions/1/ready").statusCode()).isEqualTo(200);
        assertThat(CODEC.decodeServerMetadata(server.http().get("/v2").body().getBytes()).name())
                .isEqualTo("shunt-cpu-backend");
        var metadata = CODEC.decodeModelMetadata(server.http().get("/v2/models/mlp").body().getBytes());
        assertThat(metadata.inputs().get(0).shape()).containsExactly(-1, 512);
        assertThat(metadata.parameters()).containsEntry("device", "cpu()");
    }

    @Test
    void countsRequestsInPrometheusMetrics() {
        server.http().post("/v2/models/mlp/infer", Bodies.mlp(1, 3));
        server.http().post("/v2/models/mlp/infer", "{".getBytes(StandardCharsets.UTF_8));
        String metrics = server.http().get("/metrics").bodyAsString();
        assertThat(metrics).containsPattern("shunt_backend_requests_total\\{model=\"mlp\",outcome=\"ok\"\\} [1-9]");
        assertThat(metrics).containsPattern("shunt_backend_requests_total\\{model=\"mlp\",outcome=\"invalid\"\\} [1-9]");
        assertThat(metrics).contains("shunt_backend_queue_wait_seconds_bucket{class=\"standard\",model=\"mlp\"");
        assertThat(metrics).containsPattern("shunt_backend_model_info\\{device=\"cpu\\(\\)\",kind=\"cpu\",model=\"mlp\"} 1(\\.0)?\n");
        assertThat(metrics).contains("shunt_backend_queue_capacity 64.0");
    }
}
