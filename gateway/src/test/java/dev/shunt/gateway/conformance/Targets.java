package dev.shunt.gateway.conformance;

import static org.awaitility.Awaitility.await;

import ai.djl.Device;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.gpu.BatchingConfig;
import dev.shunt.backend.gpu.DynamicBatcher;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.model.TorchScriptModels;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.gateway.GatewayServer;
import dev.shunt.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The four targets of the suite, started once and shared by its classes: the CPU server (worker pool)
 * and the GPU server (dynamic batching scheduler, on the CPU device here) each serving {@code mlp} and
 * {@code ids}, and a gateway in front of each, routing each model to its server.
 */
final class Targets implements ExtensionContext.Store.CloseableResource {

    static final Path IDS = Path.of("..", "models", "ids", "ids.pt");
    static final long MAX_BODY = 4L << 20;

    private final List<ServerFixture> servers = new ArrayList<>();
    private final List<GatewayServer> gateways = new ArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final List<HttpProbe> probes = new ArrayList<>();
    private final List<Target> all = new ArrayList<>();

    static Targets start() throws Exception {
        Targets targets = new Targets();
        try {
            targets.startAll();
            return targets;
        } catch (Exception | AssertionError e) {
            targets.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Function<ServedModel, InferenceScheduler> workerPool =
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 64), Ticker.system());
        Function<ServedModel, InferenceScheduler> batcher =
                m -> new DynamicBatcher(m, new BatchingConfig(8, Duration.ofMillis(2), List.of(), 64, Duration.ZERO), 1);
        Target cpu = server("cpu", workerPool);
        Target gpu = server("gpu", batcher);
        all.add(cpu);
        all.add(gpu);
        all.add(gateway("gateway+cpu", cpu));
        all.add(gateway("gateway+gpu", gpu));
    }

    private Target server(String kind, Function<ServedModel, InferenceScheduler> scheduler) throws Exception {
        ServerFixture mlp = new ServerFixture(kind, EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                scheduler, MAX_BODY);
        servers.add(mlp);
        ServerFixture ids = new ServerFixture(kind,
                TorchScriptModels.load(IDS, TorchScriptModels.defaultMetadataFile(IDS), Device.cpu()), scheduler, MAX_BODY);
        servers.add(ids);
        return new Target(kind + "-backend", mlp.http(), ids.http());
    }

    private Target gateway(String name, Target backend) throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  mlp: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                  ids: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: mlp
                    models: [mlp]
                    policy: {type: rules, rules: [{name: all, pool: mlp}]}
                  - name: ids
                    models: [ids]
                    policy: {type: rules, rules: [{name: all, pool: ids}]}
                """.formatted(backend.mlp().port(), backend.ids().port());
        GatewayServer server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC());
        gateways.add(server);
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpProbe http = new HttpProbe(vertx, port);
        probes.add(http);
        await(name + " is ready").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> http.get("/v2/health/ready").statusCode() == 200);
        return new Target(name, http, http);
    }

    List<Target> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() throws Exception {
        probes.forEach(HttpProbe::close);
        for (GatewayServer gateway : gateways) {
            gateway.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        for (ServerFixture server : servers) {
            server.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
