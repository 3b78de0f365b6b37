package dev.shunt.loadtest.reliability;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs scenarios one after the other on one {@link Lab} and collects their rows. */
public final class ReliabilitySuite {

    private final Path cpuJar;
    private final Path gatewayJar;
    private final Path logDir;
    private final PrintStream progress;

    public ReliabilitySuite(Path cpuJar, Path gatewayJar, Path logDir, PrintStream progress) {
        this.cpuJar = cpuJar;
        this.gatewayJar = gatewayJar;
        this.logDir = logDir;
        this.progress = progress;
    }

    /** Runs the named scenarios (all when empty) and returns one result each, PASS or FAIL. */
    public List<ScenarioResult> run(java.util.Set<String> names) throws Exception {
        List<Scenario> scenarios = Scenarios.named(names);
        List<ScenarioResult> results = new ArrayList<>();
        try (Lab lab = new Lab(cpuJar, gatewayJar, logDir)) {
            for (Scenario scenario : scenarios) {
                long start = System.nanoTime();
                progress.printf("[reliability] %s ...%n", scenario.name());
                ScenarioResult result;
                try {
                    result = scenario.run(lab);
                } catch (Exception e) {
                    result = ScenarioResult.broken(scenario, e);
                } finally {
                    lab.endScenario();
                }
                results.add(result);
                progress.printf(Locale.ROOT, "[reliability] %s: %s in %.0f s (%d requests, %d failures, %d shed)%s%n",
                        scenario.name(), result.passed() ? "PASS" : "FAIL", (System.nanoTime() - start) / 1e9,
                        result.requests(), result.failures(), result.shed(),
                        result.passed() ? "" : " " + result.failedChecks());
            }
        }
        return results;
    }
}
