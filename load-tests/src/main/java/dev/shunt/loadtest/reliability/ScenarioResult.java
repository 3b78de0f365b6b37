package dev.shunt.loadtest.reliability;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One row of the reliability report.
 *
 * @param scenario its name
 * @param passMeans what PASS means
 * @param load the load applied, e.g. {@code 40/s for 6 s}
 * @param requests requests sent
 * @param failures answers that were neither 2xx nor shed, and requests with no answer
 * @param shed 429s, and 503s with {@code Retry-After}
 * @param p99Ms p99 latency of every answer, in milliseconds
 * @param memory the gateway's heap after GC and open fds before and after
 * @param failedChecks the verdict conditions that did not hold; empty on PASS
 * @param notes what else was measured, for the report
 */
public record ScenarioResult(String scenario, String passMeans, String load, long requests, long failures, long shed,
        double p99Ms, String memory, List<String> failedChecks, String notes) {

    public ScenarioResult {
        requireNonNull(scenario, "scenario");
        failedChecks = List.copyOf(failedChecks);
    }

    static ScenarioResult of(Scenario scenario, String load, Outcomes outcomes, String memory, Checks checks,
            String notes) {
        return new ScenarioResult(scenario.name(), scenario.passMeans(), load, outcomes.requests(),
                outcomes.failures(), outcomes.shed(), outcomes.p99Ms(), memory, checks.failed(), notes);
    }

    /** A scenario that could not run to the end: FAIL with the reason. */
    static ScenarioResult broken(Scenario scenario, Exception e) {
        return new ScenarioResult(scenario.name(), scenario.passMeans(), "-", 0, 0, 0, 0, "-",
                List.of("the scenario did not complete: " + e), "");
    }

    public boolean passed() {
        return failedChecks.isEmpty();
    }
}
