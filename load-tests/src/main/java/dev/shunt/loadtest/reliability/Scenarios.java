package dev.shunt.loadtest.reliability;

import java.util.List;
import java.util.Set;

/** The reliability suite's scenarios, in the order they run. */
final class Scenarios {

    private Scenarios() {}

    /**
     * Every scenario. A 504 is a right answer to any misbehaving backend whose request outlived its
     * deadline before the misbehaviour showed (on a loaded machine a 20 ms reset can come after 500 ms).
     */
    static List<Scenario> all() {
        return List.of(
                new BackendKillScenario(),
                new MisbehavingBackendScenario("backend-hangs", Fault.HANG, Set.of(503, 504)),
                new MisbehavingBackendScenario("backend-trickles-body", Fault.SLOW_BODY, Set.of(503, 504)),
                new MisbehavingBackendScenario("backend-resets-mid-response", Fault.RESET_MID_RESPONSE, Set.of(502, 504)),
                new MisbehavingBackendScenario("backend-garbage-json", Fault.GARBAGE_JSON, Set.of(200, 502, 504)),
                new MisbehavingBackendScenario("backend-truncated-binary", Fault.TRUNCATED_BINARY, Set.of(502, 504)),
                new GpuPoolDownScenario(),
                new ShadowFaultScenario("shadow-dead", true),
                new ShadowFaultScenario("shadow-slow", false),
                new RollingUpdateScenario(),
                new ConfigReloadScenario());
    }

    /** The scenarios whose name is in {@code names}, in suite order; all when {@code names} is empty. */
    static List<Scenario> named(Set<String> names) {
        List<Scenario> all = all();
        for (String n : names) {
            if (all.stream().noneMatch(s -> s.name().equals(n))) {
                throw new IllegalArgumentException("scenario: \"" + n + "\" (expected one of: "
                        + String.join(", ", all.stream().map(Scenario::name).toList()) + ")");
            }
        }
        return names.isEmpty() ? all : all.stream().filter(s -> names.contains(s.name())).toList();
    }
}
