package dev.shunt.backend.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.TensorData;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The batching server over real HTTP with real DJL inference, next to the CPU server. */
class GpuBackendWithDjlTest {

    static final InferenceCodec CODEC = new InferenceCodec();

    static float[] outputs(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return ((TensorData.Floats) CODEC.decodeResponse(response.body().getBytes()).outputs().get(0).data()).values();
    }

    static ServerFixture gpu(String model, BatchingConfig config) throws Exception {
        return new ServerFixture("gpu", EmbeddedModels.load(model, ModelVariant.PRODUCTION, Device.cpu()),
                m -> new DynamicBatcher(m, config, 1), 64L * 1024 * 1024);
    }

    @Test
    void givesTheSameAnswersAsTheCpuServerForTheSameInput() throws Exception {
        try (ServerFixture cpu = new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                        m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 16), Ticker.system()), 1 << 20);
                ServerFixture gpu = gpu("mlp", new BatchingConfig(8, Duration.ofMillis(2), List.of(), 64, Duration.ZERO))) {
            for (long seed = 1; seed <= 5; seed++) {
                byte[] body = Bodies.mlp(1, seed);
                float[] fromCpu = outputs(cpu.http().post("/v2/models/mlp/infer", body));
                float[] fromGpu = outputs(gpu.http().post("/v2/models/mlp/infer", body));
                assertThat(fromGpu).as("seed %d", seed).containsExactly(fromCpu);
            }
            assertThat(gpu.blockedEventLoopReports()).isEmpty();
        }
    }

    @Test
    void concurrentRequestsAreBatchedAndEachGetsItsOwnRows() throws Exception {
        try (ServerFixture gpu = gpu("mlp", new BatchingConfig(8, Duration.ofMillis(50), List.of(), 64, Duration.ZERO))) {
            int requests = 16;
            List<float[]> alone = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                alone.add(outputs(gpu.http().post("/v2/models/mlp/infer", Bodies.mlp(1, 100 + i))));
            }
            List<CompletableFuture<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                inFlight.add(gpu.http().postAsync("/v2/models/mlp/infer", Bodies.mlp(1, 100 + i), Map.of()));
            }
            int largestBatch = 0;
            for (int i = 0; i < requests; i++) {
                HttpResponse<Buffer> response = inFlight.get(i).get(60, TimeUnit.SECONDS);
                float[] batched = outputs(response);
                largestBatch = Math.max(largestBatch, Integer.parseInt(response.getHeader("X-Batch-Size")));
                float[] expected = alone.get(i);
                for (int k = 0; k < expected.length; k++) {
                    assertThat(batched[k]).as("request %d value %d", i, k)
                            .isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
            assertThat(largestBatch).as("some requests shared a batch").isBetween(2, 8);
        }
    }

    @Test
    void aRequestWhoseDeadlinePassesInTheQueueIsAnswered504WithoutRunning() throws Exception {
        try (ServerFixture gpu = gpu("convnet", new BatchingConfig(64, Duration.ZERO, List.of(), 64, Duration.ZERO))) {
            byte[] heavy = Bodies.fp32Request(null, Bodies.randomValues(48 * 3 * 64 * 64, 1), 48, 3, 64, 64);
            CompletableFuture<HttpResponse<Buffer>> busy = gpu.http().postAsync("/v2/models/convnet/infer", heavy, Map.of());
            // wait (bounded) until the heavy batch occupies the only instance
            for (int i = 0; i < 2000 && gpu.scheduler().running() == 0; i++) {
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(1);
            }
            assertThat(gpu.scheduler().running()).isEqualTo(1);
            byte[] small = Bodies.fp32Request(null, Bodies.randomValues(3 * 64 * 64, 2), 1, 3, 64, 64);
            HttpResponse<Buffer> late = gpu.http().post("/v2/models/convnet/infer", small,
                    Map.of("X-Request-Timeout-Ms", "5", "X-Latency-Class", "realtime"));

            assertThat(late.statusCode()).isEqualTo(504);
            assertThat(CODEC.decodeError(late.body().getBytes()).error()).contains("deadline passed");
            assertThat(busy.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(gpu.http().get("/metrics").bodyAsString())
                    .contains("shunt_backend_expired_total{class=\"realtime\",model=\"convnet\"} 1.0");
        }
    }
}
