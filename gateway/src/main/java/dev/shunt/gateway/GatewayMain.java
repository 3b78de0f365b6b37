package dev.shunt.gateway;

import dev.shunt.gateway.config.ConfigException;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.vocabulary.LogFormat;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar shunt-gateway.jar --config shunt.yaml}. */
@Command(name = "shunt-gateway", mixinStandardHelpOptions = true, version = "shunt-gateway 0.1.0",
        description = "Hybrid CPU/GPU inference gateway: classifies each Open Inference Protocol (KServe v2) request "
                + "by size, latency class and deadline and routes it to a pool of model servers.")
public final class GatewayMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The shunt.yaml to serve.")
    Path config;

    @Option(names = "--vertx-http-metrics", description = "Also export Vert.x's HTTP client metrics "
            + "(vertx_http_client_*: connections, in flight, bytes, response times); about 6 µs of CPU a request.")
    boolean vertxHttpMetrics;

    @Option(names = "--transport", paramLabel = "T", defaultValue = "auto", description = "Network transport: "
            + "io_uring (Netty's io_uring: many connections' reads and writes in one system call), epoll (Netty's "
            + "native epoll), nio (the JDK's), or auto (default): the first of io_uring, epoll that runs here.")
    String transport;

    @Override
    public Integer call() throws Exception {
        TransportChoice transportChoice;
        try {
            transportChoice = TransportChoice.parse(transport).resolved();
            transportChoice.transport();
        } catch (RuntimeException e) {
            log.error("{}", e.getMessage());
            return 2;
        }
        GatewayConfig loaded;
        try {
            loaded = new ConfigLoader(Clock.systemUTC()).load(config);
        } catch (ConfigException e) {
            log.error("{}: {}", config, e.getMessage());
            return 2;
        }
        GatewayMetrics metrics = new GatewayMetrics();
        Vertx vertx = GatewayVertx.create(metrics, loaded.listener().eventLoops(), vertxHttpMetrics, transportChoice);
        log.info("transport: {}", transportChoice.label());
        ConfigLoader loader = new ConfigLoader(Clock.systemUTC());
        GatewayServer server = new GatewayServer(vertx, loaded, Clock.systemUTC(), () -> loader.load(config),
                System::getenv, metrics);
        try {
            server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("cannot listen on {}:{}: {}", loaded.listener().host(), loaded.listener().port(),
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            vertx.close();
            return 1;
        }
        server.watch(config, java.time.Duration.ofSeconds(2));
        long waitMs = loaded.listener().drainGrace().toMillis() + 5_000;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM: not ready, no new connections, requests in flight answered within the drain grace
            log.info("stopping: draining requests in flight (grace {})", loaded.listener().drainGrace());
            long start = System.nanoTime();
            try {
                server.stop().toCompletionStage().toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
                log.info("drained in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (Exception e) {
                log.warn("drain: {}", e.toString());
            }
            try {
                // closed from this thread, not from a future of an event loop that the close itself ends
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("close: {}", e.toString());
            }
        }, "shunt-gateway-shutdown"));
        return 0;
    }

    public static void main(String[] args) {
        LogFormat.problem(System.getenv(LogFormat.ENV)).ifPresent(problem -> {
            System.err.println(problem);
            System.exit(2);
        });
        NettyTuning.apply();
        int code = new CommandLine(new GatewayMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
