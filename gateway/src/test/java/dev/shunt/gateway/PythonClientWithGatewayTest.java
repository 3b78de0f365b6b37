package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.ServerFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client in another language: {@code examples/clients/v2_binary_client.py} (Debian's python3 with
 * numpy) builds binary tensor requests as the extension's specification describes them and checks the
 * answers, against a real model server directly and through the gateway. In CI ({@code CI} set) python3
 * with numpy must be there; elsewhere the test is skipped without it.
 */
class PythonClientWithGatewayTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path CLIENT = Path.of("..", "examples", "clients", "v2_binary_client.py");

    static ServerFixture backend;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        boolean usable = Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import numpy")).exit() == 0;
        if (System.getenv("CI") != null) {
            assertThat(usable).as("python3 with numpy (.ci/run installs python3-numpy)").isTrue();
        }
        Assumptions.assumeTrue(usable, "python3 with numpy is not installed");
        backend = new ServerFixture("mlp", EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 64), Ticker.system()), 64L << 20);
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    priority: {realtime: 1, standard: 2, batch: 3}
                """.formatted(backend.http().port()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    record Result(int exit, String output) {}

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    Result client(int port) throws Exception {
        return run(List.of(PYTHON.toString(), CLIENT.toString(), "--url", "http://127.0.0.1:" + port, "--model", "mlp"));
    }

    @Test
    void everyCheckPassesAgainstTheModelServer() throws Exception {
        Result result = client(backend.http().port());

        assertThat(result.output()).doesNotContain("FAIL").contains("ok: binary request gives the JSON request's outputs");
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void everyCheckPassesThroughTheGateway() throws Exception {
        Result result = client(gateway.port());

        assertThat(result.output().lines().filter(l -> l.startsWith("ok: "))).as(result.output()).hasSize(6);
        assertThat(result.exit()).as(result.output()).isZero();
    }
}
