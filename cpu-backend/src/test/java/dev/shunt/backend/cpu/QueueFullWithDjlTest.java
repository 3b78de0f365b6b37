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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Admission is bounded: past the queue's capacity a request is answered 503 + Retry-After at once. */
class QueueFullWithDjlTest {

    @Test
    void requestsBeyondTheQueueAreShedWithRetryAfterAndTheRestAreServed() throws Exception {
        try (ServerFixture server = new ServerFixture("cpu",
                EmbeddedModels.load("convnet", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 1), Ticker.system()), 64L << 20)) {
            byte[] body = Bodies.fp32Request(null, Bodies.randomValues(32 * 3 * 64 * 64, 3), 32, 3, 64, 64);
            List<CompletableFuture<HttpResponse<Buffer>>> flood = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                flood.add(server.http().postAsync("/v2/models/convnet/infer", body, Map.of()));
            }
            int ok = 0;
            int shed = 0;
            for (CompletableFuture<HttpResponse<Buffer>> request : flood) {
                HttpResponse<Buffer> response = request.get(120, TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    ok++;
                    continue;
                }
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.getHeader("Retry-After")).isEqualTo("1");
                assertThat(new InferenceCodec().decodeError(response.body().getBytes()).error())
                        .matches("queue full: \\d+ jobs waiting \\(capacity 1\\)");
                shed++;
            }
            assertThat(ok).as("the running and the queued request are served").isGreaterThanOrEqualTo(2);
            assertThat(shed).as("the rest are shed").isGreaterThanOrEqualTo(1);
            assertThat(ok + shed).isEqualTo(12);
            assertThat(server.http().get("/metrics").bodyAsString())
                    .containsPattern("shunt_backend_requests_total\\{model=\"convnet\",outcome=\"queue_full\"\\} [1-9]");
        }
    }
}
