package dev.shunt.loadtest.reliability;

import static java.util.Objects.requireNonNull;

import dev.shunt.loadtest.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A gateway process of the harness: its port, its config file (rewritable for reloads), a probe of its
 * HTTP API, and a restart on the same port with the same file.
 */
final class Gateway implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Path config;
    private final int port;
    private final Path logDir;
    private final Map<String, String> env;
    private final GatewayProbe probe;
    private ServerProcess process;

    private Gateway(String name, Path jar, Path config, int port, Path logDir, Map<String, String> env,
            String adminToken) {
        this.name = requireNonNull(name, "name");
        this.jar = jar;
        this.config = config;
        this.port = port;
        this.logDir = logDir;
        this.env = Map.copyOf(env);
        this.probe = new GatewayProbe(port, adminToken);
    }

    /** Writes {@code yaml} to {@code logDir/name.yaml} and starts the gateway on {@code port} with it. */
    static Gateway start(String name, Path jar, String yaml, int port, Path logDir, String adminToken) throws Exception {
        Files.createDirectories(logDir);
        Path config = logDir.resolve(name + ".yaml");
        Files.writeString(config, yaml);
        Gateway gateway = new Gateway(name, jar, config, port, logDir, Map.of("SHUNT_ADMIN_TOKEN", adminToken),
                adminToken);
        gateway.process = ServerProcess.startGatewayOn(name, jar, config, port, logDir, gateway.env);
        return gateway;
    }

    int port() {
        return port;
    }

    Path config() {
        return config;
    }

    GatewayProbe probe() {
        return probe;
    }

    ProcessResources resources() {
        return new ProcessResources(process.pid());
    }

    /** SIGTERM: the gateway drains what is in flight and exits; its exit code, -1 when it had to be killed. */
    int terminate(Duration limit) throws InterruptedException {
        return process.terminate(limit);
    }

    /** Starts it again on the same port with the same config file, and waits until it is ready. */
    void startAgain() throws Exception {
        if (process.alive()) {
            throw new IllegalStateException(name + " still runs: terminate it first");
        }
        process = ServerProcess.startGatewayOn(name, jar, config, port, logDir, env);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.alive()) {
            process.close();
        }
    }
}
