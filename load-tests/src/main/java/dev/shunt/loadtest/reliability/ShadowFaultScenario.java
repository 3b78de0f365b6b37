package dev.shunt.loadtest.reliability;

import dev.shunt.loadtest.ServerProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 100% of the traffic mirrored to a staging backend that dies, or turns slow (2 s an answer, over the
 * mirror's 1 s timeout): the primary answers must not change: no failure, and a p99 close to the one
 * measured just before with a healthy staging backend.
 */
final class ShadowFaultScenario implements Scenario {

    static final int RATE = 40;
    static final Duration BASELINE = Duration.ofSeconds(3);
    static final Duration FAULT = Duration.ofSeconds(4);
    static final List<String> FAULT_OUTCOMES = List.of("dropped", "no_backend", "error", "timeout");

    private final String name;
    private final boolean dead;

    ShadowFaultScenario(String name, boolean dead) {
        this.name = name;
        this.dead = dead;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String passMeans() {
        return "with every request mirrored to a staging backend that " + (dead ? "died" : "answers after 2 s (mirror "
                + "timeout 1 s)") + ": no primary request fails or is shed, the primary p99 stays within "
                + "max(3 x, +50 ms) of the p99 with a healthy staging backend just before, and the mirror counters "
                + "show the copies' fate (" + String.join(", ", FAULT_OUTCOMES) + ")";
    }

    @Override
    public ScenarioResult run(Lab lab) throws Exception {
        int primary = lab.primaryPort();
        FaultServer staging = lab.fault(Fault.OK);
        int port = ServerProcess.freePort();
        Gateway gateway = lab.gateway(name, port, """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 2, accessLog: false}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"]}
                  staging:
                    backends: ["127.0.0.1:%d"]
                    healthCheck: {interval: 500ms, timeout: 250ms}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    mirror: {pool: staging, percent: 100, maxInFlight: 64, timeout: 1s}
                admin: {tokenEnv: SHUNT_ADMIN_TOKEN}
                """.formatted(port, primary, staging.port()));
        var kinds = List.of(Kinds.mlp("standard", 1, 1, Duration.ofSeconds(2)));
        Outcomes baseline = RunningLoad.start(lab.vertx(), Targets.of(port), kinds, RATE, Duration.ofSeconds(30))
                .sleepThenStop(BASELINE).all();
        Resources before = Resources.of(gateway);
        Map<String, Double> mirroredBefore = mirrorCounts(gateway);
        if (dead) {
            staging.close();
        } else {
            staging.set(Fault.SLOW_ANSWER);
        }
        RunningLoad faultLoad = RunningLoad.start(lab.vertx(), Targets.of(port), kinds, RATE, Duration.ofSeconds(30));
        Waits.sleep(FAULT.dividedBy(2));
        String pools = gateway.probe().poolStates();
        Outcomes seen = faultLoad.sleepThenStop(FAULT.dividedBy(2)).all();
        // the slow copies still out end within their timeout
        Waits.sleep(Duration.ofMillis(1500));
        Map<String, Double> mirrored = mirrorCounts(gateway);
        mirrored.replaceAll((outcome, n) -> n - mirroredBefore.getOrDefault(outcome, 0.0));
        Resources after = Resources.of(gateway);
        double faultCopies = FAULT_OUTCOMES.stream().mapToDouble(o -> mirrored.getOrDefault(o, 0.0)).sum();
        double bound = Math.max(3 * baseline.p99Ms(), baseline.p99Ms() + 50);
        Checks checks = new Checks()
                .require(seen.failures() == 0 && seen.shed() == 0, "primary: " + seen.summary() + " (expected: all 2xx)")
                .require(seen.p99Ms() <= bound, String.format(Locale.ROOT, "primary p99 %.1f ms > %.1f ms (baseline "
                        + "%.1f ms)", seen.p99Ms(), bound, baseline.p99Ms()))
                .require(faultCopies > 0, "no mirror counter shows the fault: " + mirrored);
        String notes = String.format(Locale.ROOT, "primary %s, p99 %.1f ms with a healthy staging backend; %s, p99 "
                + "%.1f ms with the fault; mirror outcomes during the fault %s; backends in the middle of the fault: %s",
                baseline.summary(), baseline.p99Ms(), seen.summary(), seen.p99Ms(), mirrored, pools);
        return ScenarioResult.of(this, RATE + "/s, 100% mirrored, " + FAULT.toSeconds() + " s", seen,
                Resources.change(before, after), checks, notes);
    }

    private static Map<String, Double> mirrorCounts(Gateway gateway) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String outcome : List.of("sent", "dropped", "skipped_body", "no_backend", "error", "timeout")) {
            out.put(outcome, gateway.probe().metric("shunt_mirror_requests_total", "outcome=\"" + outcome + "\""));
        }
        return out;
    }
}
