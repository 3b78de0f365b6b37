package dev.shunt.loadtest.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two fast scenarios of {@code ./shunt reliability} end to end, so that the harness keeps working: a real
 * gateway process in front of a backend that hangs and one that resets mid-answer, their verdicts
 * computed from what the clients saw and what the gateway's process holds, and the report's rows.
 */
class ReliabilitySuiteIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aHangingAndAResettingBackendPassWithBoundedAnswersAndNoLeaks() throws Exception {
        Path gatewayJar = ROOT.resolve("gateway/target/shunt-gateway.jar");
        assertThat(gatewayJar).as("built by the reactor before this test").exists();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<ScenarioResult> results = new ReliabilitySuite(ROOT.resolve("cpu-backend/target/shunt-cpu-backend.jar"),
                gatewayJar, Files.createTempDirectory("reliability-it"), new PrintStream(progress, true,
                        StandardCharsets.UTF_8))
                .run(new LinkedHashSet<>(List.of("backend-hangs", "backend-resets-mid-response")));

        String log = progress.toString(StandardCharsets.UTF_8);
        assertThat(results).extracting(ScenarioResult::scenario)
                .containsExactly("backend-hangs", "backend-resets-mid-response");
        for (ScenarioResult r : results) {
            assertThat(r.failedChecks()).as(r.scenario() + ": " + r.notes() + "\n" + log).isEmpty();
            assertThat(r.requests()).as("the load ran").isGreaterThan(40);
            assertThat(r.failures() + r.shed()).as("every request met the fault: an error, never a 2xx")
                    .isEqualTo(r.requests());
            assertThat(r.memory()).matches("heap \\d+→\\d+ MiB, fds \\d+→\\d+");
        }
        String report = ReliabilityReport.render(results, "shunt reliability", 1);
        assertThat(report).contains("| scenario | load | requests | failures | shed | p99 | memory | verdict |")
                .containsPattern("\\| backend-hangs \\| 20/s for 4 s \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ ms \\| heap .* \\| PASS \\|")
                .contains("2 of 2 scenarios PASS");
    }
}
