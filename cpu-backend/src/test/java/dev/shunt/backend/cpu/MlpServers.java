package dev.shunt.backend.cpu;

import ai.djl.Device;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.ServerFixture;

/** The CPU server the scenario tests talk to: the embedded {@code mlp}, two workers, a 4 MiB body limit. */
final class MlpServers {

    private MlpServers() {}

    static ServerFixture start() throws Exception {
        return new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                model -> WorkerPoolScheduler.start(model, new WorkerPoolConfig(2, 64), Ticker.system()), 4 * 1024 * 1024);
    }
}
