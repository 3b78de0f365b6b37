package dev.shunt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.shunt.backend.model.TorchScriptModels;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.BinaryMessages;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * UINT32 and UINT64 tensors, in binary and JSON mixed in one request, through the CPU server and a
 * real TorchScript model (models/ids: {@code total = ids + offsets}, declared UINT64, and
 * {@code ids_u32 = ids.to(torch.uint32)}).
 */
class UnsignedTensorsWithDjlTest {

    static final InferenceCodec CODEC = new InferenceCodec();
    static final Path IDS = Path.of("..", "models", "ids", "ids.pt");
    static final String INFER = "/v2/models/ids/infer";
    static ServerFixture server;

    @BeforeAll
    static void start() throws Exception {
        server = new ServerFixture("cpu", TorchScriptModels.load(IDS, TorchScriptModels.defaultMetadataFile(IDS), Device.cpu()),
                model -> WorkerPoolScheduler.start(model, new WorkerPoolConfig(1, 16), Ticker.system()), 1 << 20);
    }

    @AfterAll
    static void stop() throws Exception {
        List<String> blocked = server.blockedEventLoopReports();
        server.close();
        assertThat(blocked).as("event loops must never block").isEmpty();
    }

    static InferenceRequest request(long[] ids, long[] offsets, List<RequestedOutput> outputs) {
        long rows = ids.length / 3;
        return new InferenceRequest("u", Map.of(), List.of(
                InferInput.of("ids", new long[] {rows, 3}, Datatype.UINT32, new TensorData.Longs(ids)),
                InferInput.of("offsets", new long[] {rows, 3}, Datatype.UINT64, new TensorData.Longs(offsets))), outputs);
    }

    @Test
    void binaryAndJsonInputsMixInOneRequestAndOutputsComeInTheFormatAsked() {
        InferenceRequest request = request(new long[] {0, 7, 0xFFFF_FFFFL, 1, 2, 3},
                new long[] {Long.MAX_VALUE, 1, 1L << 40, 10, 20, 30},
                List.of(new RequestedOutput("total", Map.of(BinaryTensors.OUTPUT_PARAMETER, true)),
                        new RequestedOutput("ids_u32", Map.of())));
        EncodedMessage idsInBinary = CODEC.encodeRequest(request, "ids"::equals);
        assertThat(new String(idsInBinary.bytes(), 0, idsInBinary.jsonLength(), StandardCharsets.UTF_8))
                .contains("\"binary_data_size\":24").contains("\"data\":[" + Long.MAX_VALUE);

        HttpResponse<Buffer> response = BinaryMessages.post(server.http(), INFER, idsInBinary);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        byte[] body = response.body().getBytes();
        int jsonLength = Integer.parseInt(response.getHeader(BinaryTensors.HEADER_LENGTH));
        assertThat(new String(body, 0, jsonLength, StandardCharsets.UTF_8))
                .contains("{\"name\":\"total\",\"datatype\":\"UINT64\",\"shape\":[2,3],\"parameters\":{\"binary_data_size\":48}}")
                .contains("{\"name\":\"ids_u32\",\"datatype\":\"UINT32\",\"shape\":[2,3],\"data\":[0,7,4294967295,1,2,3]}");
        assertThat(ByteBuffer.wrap(body, jsonLength, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .as("the first UINT64, little-endian").isEqualTo(Long.MAX_VALUE);
        InferenceResponse decoded = BinaryMessages.decode(response);
        assertThat(decoded.outputs()).containsExactly(
                InferOutput.of("total", new long[] {2, 3}, Datatype.UINT64,
                        new TensorData.Longs(new long[] {Long.MAX_VALUE, 8, (1L << 40) + 0xFFFF_FFFFL, 11, 22, 33})),
                InferOutput.of("ids_u32", new long[] {2, 3}, Datatype.UINT32,
                        new TensorData.Longs(new long[] {0, 7, 0xFFFF_FFFFL, 1, 2, 3})));

        HttpResponse<Buffer> allJson = server.http().post(INFER, CODEC.encodeRequest(request(
                new long[] {0, 7, 0xFFFF_FFFFL, 1, 2, 3}, new long[] {Long.MAX_VALUE, 1, 1L << 40, 10, 20, 30}, List.of())));
        assertThat(allJson.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(CODEC.decodeResponse(allJson.body().getBytes()).outputs()).isEqualTo(decoded.outputs());
    }

    @Test
    void aUint64AboveWhatIsHeldIs400NamingTheElement() {
        EncodedMessage message = CODEC.encodeRequest(request(new long[] {1, 2, 3}, new long[] {1, 2, 3}, List.of()),
                name -> true);
        byte[] body = message.bytes();
        int offsets = message.jsonLength() + 3 * 4; // after the 3 UINT32 of ids
        ByteBuffer.wrap(body, offsets + 8, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L); // 2^64 - 1

        HttpResponse<Buffer> response = server.http().post(INFER, body, BinaryMessages.headers(message));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(CODEC.decodeError(response.body().getBytes()).error())
                .isEqualTo("inputs[1][1]: 18446744073709551615 is out of range for UINT64 here (at most 9223372036854775807)");
    }

    @Test
    void anOutputOutsideItsDeclaredDatatypeIs500NamingIt() {
        HttpResponse<Buffer> response = server.http().post(INFER, CODEC.encodeRequest(
                request(new long[] {1, 0, 0}, new long[] {Long.MAX_VALUE, 0, 0}, List.of())));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(CODEC.decodeError(response.body().getBytes()).error()).isEqualTo("model failed: output total[0]:"
                + " -9223372036854775808 is out of range for UINT64 (expected: 0 to 9223372036854775807)");
    }
}
