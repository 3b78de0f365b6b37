package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./shunt demo --duration 8s}: the whole local stack as separate processes (two cpu-backends,
 * the gpu-backend on the CPU, the staging backend with the candidate weights, the gateway), the
 * mixed load, and the summary a newcomer reads; everything it started is gone afterwards.
 */
class DemoIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theDemoRunsTheStackRoutesByClassAndReportsTheShadowVerdict() throws Exception {
        for (String jar : List.of("cpu-backend/target/shunt-cpu-backend.jar", "gpu-backend/target/shunt-gpu-backend.jar",
                "gateway/target/shunt-gateway.jar", "load-tests/target/shunt-load-tests.jar")) {
            assertThat(ROOT.resolve(jar)).as("built by the reactor before this test").exists();
        }
        Path log = Files.createTempFile("shunt-demo", ".log");
        Process demo = new ProcessBuilder(ROOT.resolve("shunt").toString(), "demo", "--duration", "8s", "--rate", "40",
                "--no-build").directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = demo.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            demo.descendants().forEach(ProcessHandle::destroy);
            demo.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as(out).isTrue();
        assertThat(demo.exitValue()).as(out).isZero();

        assertThat(out).contains("stack ready; admin token: ");
        assertThat(out).containsPattern("\\[\\s+\\d+s\\]\\s+\\d+ answered");
        assertThat(out).as("small realtime and standard requests on the cpu pool, large batch ones on the gpu pool")
                .containsPattern("\\| realtime \\| cpu \\| \\d+ \\|")
                .containsPattern("\\| standard \\| cpu \\| \\d+ \\|")
                .containsPattern("\\| batch \\| gpu \\| \\d+ \\|");
        assertThat(out).as("10% mirrored to staging, which serves perturbed weights")
                .containsPattern("shadow \\(route default\\): NOT_READY, \\d+ mirrored samples");
        assertThat(out).contains("done (load exit code 0); stopping");
        for (int port : new int[] {8000, 8001, 8011, 8002, 8003}) {
            assertThat(listening(port)).as("port %d is free again", port).isFalse();
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
