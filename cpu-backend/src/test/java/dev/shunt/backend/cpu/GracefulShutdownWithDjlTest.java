package dev.shunt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.ServerFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping drains: queued and running requests get their answers, new ones are refused. */
class GracefulShutdownWithDjlTest {

    @Test
    void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
        try (ServerFixture server = new ServerFixture("cpu",
                EmbeddedModels.load("convnet", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 16), Ticker.system()), 64L << 20)) {
            // 32 images take the only worker long enough for all four requests to be admitted
            byte[] body = Bodies.fp32Request(null, Bodies.randomValues(32 * 3 * 64 * 64, 5), 32, 3, 64, 64);
            List<CompletableFuture<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inFlight.add(server.http().postAsync("/v2/models/convnet/infer", body, Map.of()));
            }
            for (int i = 0; i < 30_000 && server.scheduler().queueDepth() + server.scheduler().running() < 4; i++) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            assertThat(server.scheduler().queueDepth() + server.scheduler().running()).isEqualTo(4);

            var stopped = server.beginStop();

            for (CompletableFuture<HttpResponse<Buffer>> request : inFlight) {
                assertThat(request.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            stopped.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> server.http().post("/v2/models/convnet/infer", body))
                    .hasMessageContaining("failed");
        }
    }
}
