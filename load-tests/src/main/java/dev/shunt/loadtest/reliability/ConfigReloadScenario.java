package dev.shunt.loadtest.reliability;

import dev.shunt.loadtest.ServerProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A config reload every second under load, good and bad files alternating, with state worth keeping:
 * a breaker held open on a failing backend, a cutover running, a shadow window filling. No request may
 * fail; every good file must be taken (200) and every bad one refused (400); the breaker, the cutover
 * and the shadow window must come through as they were.
 */
final class ConfigReloadScenario implements Scenario {

    static final int RATE = 30;
    static final int RELOADS = 8;
    static final String ROUTE = "default";
    /** Bad files, each refused for another reason. */
    static final List<String> BAD = List.of(
            "listener: {host: 127.0.0.1, port: [\n",
            "pools: {cpu: {backends: [\"127.0.0.1:1\"], maxInFlightPerBackend: -3}}\nroutes: []\n",
            "pools: {cpu: {backends: [\"127.0.0.1:1\"], colour: blue}}\n",
            "routes:\n  - name: default\n    policy: {type: rules, rules: [{name: all, pool: nowhere}]}\n");

    @Override
    public String name() {
        return "config-reload-every-second";
    }

    @Override
    public String passMeans() {
        return RELOADS + " reloads one second apart under load, good and bad files alternating: no request fails "
                + "or is shed, every good file answered 200 and every bad one 400, and afterwards the failing "
                + "backend's breaker is still open, the cutover is RUNNING at the same step with the same step start, "
                + "and the shadow window has not lost samples";
    }

    @Override
    public ScenarioResult run(Lab lab) throws Exception {
        int primary = lab.primaryPort();
        int candidate = lab.candidatePort();
        FaultServer failing = lab.fault(Fault.ERROR_500);
        int port = ServerProcess.freePort();
        String bad = "127.0.0.1:" + failing.port();
        Gateway gateway = lab.gateway(name(), port, good(port, primary, candidate, bad, 0.70));
        GatewayProbe probe = gateway.probe();
        // open the failing backend's breaker before the measured part (those answers are 500s, not counted)
        var kinds = List.of(Kinds.mlp("standard", 1, 1, Duration.ofSeconds(2)));
        RunningLoad opener = RunningLoad.start(lab.vertx(), Targets.of(port), kinds, RATE, Duration.ofSeconds(30));
        boolean opened = Waits.until(Duration.ofSeconds(10), () -> "open".equals(probe.circuit("cpu", bad)));
        opener.stop();
        CutoverStatus.act(probe, ROUTE, "start");
        RunningLoad load = RunningLoad.start(lab.vertx(), Targets.of(port), kinds, RATE, Duration.ofSeconds(30));
        Waits.sleep(Duration.ofSeconds(1));
        CutoverStatus cutoverBefore = CutoverStatus.of(probe, ROUTE);
        long samplesBefore = samples(probe);
        Resources before = Resources.of(gateway);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < RELOADS; i++) {
            boolean isGood = i % 2 == 0;
            String yaml = isGood ? good(port, primary, candidate, bad, i % 4 == 0 ? 0.75 : 0.70)
                    : BAD.get((i / 2) % BAD.size());
            Files.writeString(gateway.config(), yaml);
            var answer = probe.adminPost("/admin/reload", "");
            if (answer.statusCode() != (isGood ? 200 : 400)) {
                wrong.add("reload " + i + " (" + (isGood ? "good" : "bad") + "): " + answer.statusCode() + " "
                        + answer.body());
            }
            Waits.sleep(Duration.ofSeconds(1));
        }
        Files.writeString(gateway.config(), good(port, primary, candidate, bad, 0.70));
        probe.adminPost("/admin/reload", "");
        Outcomes seen = load.stop().all();
        Resources after = Resources.of(gateway);
        String circuit = probe.circuit("cpu", bad);
        CutoverStatus cutoverAfter = CutoverStatus.of(probe, ROUTE);
        long samplesAfter = samples(probe);
        Checks checks = new Checks()
                .require(opened, "the failing backend's breaker did not open before the reloads")
                .require(seen.failures() == 0 && seen.shed() == 0, "clients saw " + seen.summary()
                        + " (expected: all 2xx)")
                .require(wrong.isEmpty(), String.join("; ", wrong))
                .require("open".equals(circuit), "the failing backend's breaker is " + circuit + " after the reloads")
                .require("RUNNING".equals(cutoverBefore.state()) && cutoverBefore.equals(cutoverAfter),
                        "cutover before " + cutoverBefore + ", after " + cutoverAfter)
                .require(samplesAfter >= samplesBefore && samplesBefore > 0, "shadow samples " + samplesBefore + " -> "
                        + samplesAfter);
        String notes = String.format(Locale.ROOT, "breaker %s throughout; cutover %s at step %d; shadow samples %d -> %d",
                circuit, cutoverAfter.state(), cutoverAfter.stepIndex(), samplesBefore, samplesAfter);
        return ScenarioResult.of(this, RATE + "/s, " + RELOADS + " reloads", seen, Resources.change(before, after),
                checks, notes);
    }

    private static long samples(GatewayProbe probe) throws Exception {
        return probe.admin("/admin/shadow").path("routes").path(ROUTE).path("samples").asLong(-1);
    }

    private static String good(int port, int primary, int candidate, String bad, double batchShedding) {
        return """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 2, accessLog: false}
                pools:
                  cpu:
                    backends: ["127.0.0.1:%d", "%s"]
                    breaker: {failureRatePercent: 50, slidingWindow: 4, minimumCalls: 4, openFor: 10m, halfOpenCalls: 1}
                  staging: {backends: ["127.0.0.1:%d"]}
                routes:
                  - name: %s
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    shedding: {batch: %s, standard: 0.85, realtime: 1.0}
                    mirror: {pool: staging, percent: 100, timeout: 1s}
                    cutover: {pool: staging, steps: [25, 50, 100], bake: 10m, maxErrorRate: 0.5, maxP99: 5s, minSamplesPerStep: 1}
                admin: {tokenEnv: SHUNT_ADMIN_TOKEN}
                """.formatted(port, primary, bad, candidate, ROUTE, Double.toString(batchShedding));
    }
}
