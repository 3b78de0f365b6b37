package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pools.<name>.latency.curve}: the prior from a curve file's p50 line, and every refusal by its path. */
class LatencyCurveConfigTest {

    @TempDir
    Path dir;

    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());

    static String yaml(String latency) {
        return """
                pools:
                  cpu: {backends: ["127.0.0.1:8001"], latency: %s}
                routes:
                  - name: default
                    policy: {type: slo, pools: [cpu]}
                """.formatted(latency);
    }

    Path file(String... lines) throws Exception {
        Path f = dir.resolve("curve.csv");
        Files.write(f, java.util.List.of(lines));
        return f;
    }

    LatencyModelConfig load(String latency) {
        return loader.parse(yaml(latency)).pools().get("cpu").latency();
    }

    @Test
    void thePriorIsTheLeastSquaresLineThroughTheMediansUpTo64Rows() throws Exception {
        Path f = file("# source: a test", "pool_kind,model,batch_size,p50_ms,p99_ms", "cpu,convnet,1,7,9",
                "cpu,convnet,2,9,12", "cpu,convnet,4,13,20", "cpu,convnet,64,133,200", "cpu,convnet,128,9999,9999");

        LatencyModelConfig latency = load("{curve: \"" + f + "\", concurrency: 2}");

        assertThat(latency.priorFixed()).isEqualTo(Duration.ofMillis(5));
        assertThat(latency.priorPerRow()).isEqualTo(Duration.ofMillis(2));
        assertThat(latency.concurrency()).isEqualTo(2);
    }

    @Test
    void modelPicksItsRowsAndTheFirstModelIsTheDefault() throws Exception {
        Path f = file("# source: a test", "pool_kind,model,batch_size,p50_ms,p99_ms", "cpu,convnet,1,10,20",
                "cpu,convnet,2,20,30", "cpu,mlp,1,1,2", "cpu,mlp,8,1.7,3");

        assertThat(load("{curve: \"" + f + "\"}").priorPerRow()).isEqualTo(Duration.ofMillis(10));
        LatencyModelConfig mlp = load("{curve: \"" + f + "\", model: mlp}");
        assertThat(mlp.priorFixed()).isEqualTo(Duration.ofMillis(0).plusNanos(900_000));
        assertThat(mlp.priorPerRow()).isEqualTo(Duration.ofNanos(100_000));
        assertThatThrownBy(() -> load("{curve: \"" + f + "\", model: resnet}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pools.cpu.latency.model: \"resnet\" (expected one of: convnet, mlp, the models in " + f + ")");
    }

    @Test
    void aMissingFileAMalformedLineAndAClashWithPriorNameThePath() throws Exception {
        Path missing = dir.resolve("x.csv");
        assertThatThrownBy(() -> load("{curve: \"" + missing + "\"}"))
                .hasMessage("pools.cpu.latency.curve: " + missing + " does not exist");

        Path f = file("# source: a test", "pool_kind,model,batch_size,p50_ms,p99_ms", "cpu,convnet,1,7,9",
                "cpu,convnet,two,9,12");
        assertThatThrownBy(() -> load("{curve: \"" + f + "\"}"))
                .hasMessage("pools.cpu.latency.curve: " + f + ":4: batch_size: \"two\" (expected: an integer >= 1)");

        assertThatThrownBy(() -> load("{curve: \"" + f + "\", prior: {fixed: 1ms}}"))
                .hasMessage("pools.cpu.latency.curve: set with prior (expected: one of prior or curve)");
        assertThatThrownBy(() -> load("{model: convnet}"))
                .hasMessage("pools.cpu.latency.model: set without a curve (expected: only with curve, to pick that "
                        + "model's rows)");
    }

    @Test
    void aRelativePathIsShownWithWhereItPoints() {
        assertThatThrownBy(() -> load("{curve: nowhere/cpu.csv}"))
                .hasMessage("pools.cpu.latency.curve: nowhere/cpu.csv (" + Path.of("nowhere/cpu.csv").toAbsolutePath()
                        + ") does not exist");
    }

    @Test
    void theShippedCpuCurvesLoad() {
        for (String name : java.util.List.of("cpu-convnet.csv", "cpu-mlp.csv")) {
            LatencyModelConfig latency = load("{curve: ../load-tests/curves/" + name + "}");
            assertThat(latency.priorFixed().plus(latency.priorPerRow())).isPositive();
        }
    }
}
