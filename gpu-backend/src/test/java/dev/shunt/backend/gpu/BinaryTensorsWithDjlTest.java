package dev.shunt.backend.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.model.ModelVariant;
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
import dev.shunt.protocol.TensorData;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The batching server with Triton's binary tensor data extension: requests in binary and in JSON
 * share one batch, and each client gets its own rows in the format it asked for.
 */
class BinaryTensorsWithDjlTest {

    static final InferenceCodec CODEC = new InferenceCodec();
    static final String INFER = "/v2/models/mlp/infer";

    /** How one client sends its request and wants its answer. */
    record Client(int rows, boolean binaryInput, boolean binaryOutput) {}

    static float[] direct(ServerFixture server, float[] values, int rows) {
        try (ModelInstance instance = server.model().newInstance()) {
            InferInput input = InferInput.of("input", new long[] {rows, 512}, Datatype.FP32, new TensorData.Floats(values));
            return ((TensorData.Floats) instance.predict(List.of(input)).get(0).data()).values();
        }
    }

    @Test
    void binaryAndJsonRequestsShareABatchAndEachIsAnsweredInItsOwnFormat() throws Exception {
        List<Client> clients = List.of(new Client(1, false, false), new Client(2, true, true),
                new Client(1, true, false), new Client(1, false, true));
        int rows = clients.stream().mapToInt(Client::rows).sum();
        // the batch leaves when all rows are in; the long delay only bounds a failing run
        BatchingConfig config = new BatchingConfig(rows, Duration.ofSeconds(20), List.of(), 64, Duration.ZERO);
        try (ServerFixture gpu = new ServerFixture("gpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> new DynamicBatcher(m, config, 1), 16L * 1024 * 1024)) {
            List<float[]> inputs = new ArrayList<>();
            List<CompletableFuture<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                Client client = clients.get(i);
                float[] values = Bodies.randomValues(client.rows() * 512, 300 + i);
                inputs.add(values);
                InferenceRequest request = new InferenceRequest("client-" + i,
                        Map.of(BinaryTensors.ALL_OUTPUTS_PARAMETER, client.binaryOutput()),
                        List.of(InferInput.of("input", new long[] {client.rows(), 512}, Datatype.FP32,
                                new TensorData.Floats(values))), List.of());
                EncodedMessage message = CODEC.encodeRequest(request, name -> client.binaryInput());
                inFlight.add(gpu.http().postAsync(INFER, message.bytes(), BinaryMessages.headers(message)));
            }

            for (int i = 0; i < clients.size(); i++) {
                Client client = clients.get(i);
                HttpResponse<Buffer> response = inFlight.get(i).get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
                assertThat(response.getHeader("X-Batch-Size")).as("client %d shared the batch", i)
                        .isEqualTo(Integer.toString(rows));
                assertThat(response.getHeader("Content-Type")).as("client %d", i)
                        .isEqualTo(client.binaryOutput() ? "application/octet-stream" : "application/json");
                assertThat(response.getHeader(BinaryTensors.HEADER_LENGTH) != null).as("client %d", i)
                        .isEqualTo(client.binaryOutput());
                var answer = BinaryMessages.decode(response);
                assertThat(answer.id()).isEqualTo("client-" + i);
                InferOutput output = answer.outputs().get(0);
                assertThat(output.shape()).containsExactly(client.rows(), 10);
                float[] got = ((TensorData.Floats) output.data()).values();
                float[] expected = direct(gpu, inputs.get(i), client.rows());
                for (int k = 0; k < expected.length; k++) {
                    assertThat(got[k]).as("client %d value %d", i, k).isCloseTo(expected[k], Offset.offset(1e-4f));
                }
            }
            assertThat(CODEC.decodeServerMetadata(gpu.http().get("/v2").body().getBytes()).extensions())
                    .containsExactly(BinaryTensors.EXTENSION);
            assertThat(gpu.blockedEventLoopReports()).isEmpty();
        }
    }

    @Test
    void aBadBinaryRequestIs400AndDoesNotHoldUpTheBatch() throws Exception {
        BatchingConfig config = new BatchingConfig(8, Duration.ofMillis(2), List.of(), 64, Duration.ZERO);
        try (ServerFixture gpu = new ServerFixture("gpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> new DynamicBatcher(m, config, 1), 16L * 1024 * 1024)) {
            byte[] json = ("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,512],\"datatype\":\"FP32\","
                    + "\"parameters\":{\"binary_data_size\":2048}}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] truncated = java.util.Arrays.copyOf(json, json.length + 100);

            HttpResponse<Buffer> bad = gpu.http().post(INFER, truncated, Map.of("Content-Type", "application/octet-stream",
                    BinaryTensors.HEADER_LENGTH, Integer.toString(json.length)));

            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(CODEC.decodeError(bad.body().getBytes()).error()).isEqualTo("inputs[0].parameters.binary_data_size:"
                    + " 2048 bytes from byte 0 of the binary data, but only 100 remain (a truncated body, or a wrong"
                    + " Inference-Header-Content-Length?)");
            assertThat(gpu.http().post(INFER, Bodies.mlp(1, 7)).statusCode()).isEqualTo(200);
        }
    }
}
