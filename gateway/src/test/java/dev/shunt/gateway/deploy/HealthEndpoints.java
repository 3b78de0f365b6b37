package dev.shunt.gateway.deploy;

import ai.djl.Device;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.gateway.GatewayServer;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.ListenerConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Real servers to ask a probe's path of: a gateway started from the rendered {@code shunt.yaml} (on a
 * loopback port; its pools' cluster names do not resolve here, so it may answer not ready), and one
 * CPU model server, started on first use and kept until {@link #closeModelServer()}.
 */
final class HealthEndpoints {

    private static ServerFixture modelServer;

    private HealthEndpoints() {}

    /** A gateway from {@code config} listening on a free loopback port instead of its own. */
    static Gateway gateway(GatewayConfig config) throws Exception {
        ListenerConfig l = config.listener();
        GatewayConfig local = new GatewayConfig(new ListenerConfig("127.0.0.1", 0, l.maxBodyBytes(), 1,
                l.drainGrace(), l.maxHeaderBytes(), false), config.pools(), config.routes(), config.resilience(),
                config.admin(), config.tracing(), config.source());
        return new Gateway(local);
    }

    /** The status a real CPU model server answers a GET of {@code path} with. */
    static synchronized int modelServerStatus(String path) throws Exception {
        if (modelServer == null) {
            modelServer = new ServerFixture("cpu", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                    m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 8), Ticker.system()), 1L << 20);
        }
        return modelServer.http().get(path).statusCode();
    }

    static synchronized void closeModelServer() throws Exception {
        if (modelServer != null) {
            modelServer.close();
            modelServer = null;
        }
    }

    /** A running gateway; closing stops it. */
    static final class Gateway implements AutoCloseable {
        private final Vertx vertx = Vertx.vertx();
        private final GatewayServer server;
        private final HttpProbe http;

        private Gateway(GatewayConfig config) throws Exception {
            server = new GatewayServer(vertx, config, Clock.systemUTC(), () -> config, name -> null);
            int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            http = new HttpProbe(vertx, port);
        }

        int status(String path) {
            return http.get(path).statusCode();
        }

        @Override
        public void close() throws Exception {
            http.close();
            server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
