package dev.shunt.loadtest.reliability;

import dev.shunt.loadtest.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Three gateway replicas acting as one (static peers) behind a load generator that spreads over them,
 * a cutover running with a long bake; each replica in turn is taken out of the generator's rotation,
 * sent SIGTERM at once (so it drains what it still has in flight, slow requests among them), started
 * again and put back. No request may fail, and the cutover must still be at the same step, with the
 * same step start, on every replica.
 */
final class RollingUpdateScenario implements Scenario {

    static final int RATE = 45;
    static final Duration SETTLE = Duration.ofSeconds(2);
    static final String ROUTE = "default";

    @Override
    public String name() {
        return "rolling-update";
    }

    @Override
    public String passMeans() {
        return "three replicas restarted one by one (out of rotation, SIGTERM, drained, started again, back in) "
                + "under load with 2-s requests in flight: no request fails or is shed, every replica exits by itself after its drain (0 or 143, the JVM's code for SIGTERM), and "
                + "the cutover started before is RUNNING at the same step with the same step start on all three, "
                + "with one state version everywhere";
    }

    @Override
    public ScenarioResult run(Lab lab) throws Exception {
        int primary = lab.primaryPort();
        int candidate = lab.candidatePort();
        FaultServer slow = lab.fault(Fault.SLOW_ANSWER);
        int[] ports = {ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort()};
        String peers = java.util.Arrays.stream(ports).mapToObj(p -> "\"127.0.0.1:" + p + "\"")
                .collect(Collectors.joining(", "));
        List<Gateway> gateways = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            gateways.add(lab.gateway(name() + "-" + i, ports[i], """
                    listener: {host: 127.0.0.1, port: %d, eventLoops: 1, accessLog: false, drainGrace: 10s}
                    pools:
                      cpu: {backends: ["127.0.0.1:%d"]}
                      slow: {backends: ["127.0.0.1:%d"]}
                      staging: {backends: ["127.0.0.1:%d"]}
                    routes:
                      - name: %s
                        policy:
                          type: rules
                          rules:
                            - {name: slow, header: X-Slow, headerValue: "yes", pool: slow}
                            - {name: all, pool: cpu}
                        cutover: {pool: staging, steps: [25, 50, 100], bake: 10m, maxErrorRate: 0.5, maxP99: 5s, minSamplesPerStep: 1}
                    admin: {tokenEnv: SHUNT_ADMIN_TOKEN}
                    replicas: {self: "127.0.0.1:%d", peers: [%s], heartbeat: 250ms, timeout: 1s}
                    """.formatted(ports[i], primary, slow.port(), candidate, ROUTE, ports[i], peers)));
        }
        // a follower takes the start and forwards it to the leader
        Gateway follower = gateways.get(gateways.size() - 1);
        boolean agreed = Waits.until(Duration.ofSeconds(15), () -> {
            CutoverStatus.act(follower.probe(), ROUTE, "start");
            return true;
        }) && Waits.until(Duration.ofSeconds(10), () -> agree(gateways).size() == 1);
        CutoverStatus started = CutoverStatus.of(gateways.get(0).probe(), ROUTE);
        Resources before = Resources.of(gateways.get(0));
        Targets targets = new Targets(java.util.Arrays.stream(ports).boxed().toList());
        RunningLoad load = RunningLoad.start(lab.vertx(), targets, List.of(
                Kinds.mlp("standard", 9, 1, Duration.ofSeconds(2)),
                Kinds.mlp("slow", 1, 1, Duration.ofSeconds(5), Map.of("X-Slow", "yes"))), RATE, Duration.ofSeconds(30));
        Waits.sleep(SETTLE);
        List<String> steps = new ArrayList<>();
        List<long[]> restarts = new ArrayList<>();
        List<Integer> exits = new ArrayList<>();
        for (Gateway g : gateways) {
            long outAt = System.nanoTime();
            targets.remove(g.port());
            int inFlight = load.inFlight(g.port());
            long t0 = System.nanoTime();
            exits.add(g.terminate(Duration.ofSeconds(20)));
            double drainS = (System.nanoTime() - t0) / 1e9;
            g.startAgain();
            boolean caughtUp = Waits.until(Duration.ofSeconds(10), () -> agree(gateways).size() == 1);
            targets.add(g.port());
            restarts.add(new long[] {outAt, System.nanoTime(), g.port()});
            steps.add(String.format(Locale.ROOT, ":%d %d in flight at SIGTERM, drained and exited in %.1f s%s",
                    g.port(), inFlight, drainS, caughtUp ? "" : ", state versions still differ 10 s after its restart"));
            Waits.sleep(SETTLE);
        }
        Outcomes seen = load.stop().all();
        Resources after = Resources.of(gateways.get(0));
        List<CutoverStatus> now = new ArrayList<>();
        for (Gateway g : gateways) {
            now.add(CutoverStatus.of(g.probe(), ROUTE));
        }
        Set<Long> versions = agree(gateways);
        Checks checks = new Checks()
                .require(agreed && "RUNNING".equals(started.state()), "the cutover did not start on every replica: "
                        + started)
                .require(seen.failures() == 0 && seen.shed() == 0, "clients saw " + seen.summary()
                        + " (expected: all 2xx)")
                // 143 is the JVM's exit on SIGTERM once its shutdown hook (the drain) is done; -1: it had to be killed
                .require(exits.stream().allMatch(e -> e == 0 || e == 143), "exit codes after SIGTERM " + exits)
                .require(now.stream().allMatch(started::equals), "cutover before " + started + ", after " + now)
                .require(versions.size() == 1, "state versions after: " + versions);
        String reason = gateways.get(0).probe().admin("/admin/cutover").path("cutovers").path(0).path("reason").asText();
        String notes = String.join("; ", steps) + "; errors " + errorsByPhase(seen, restarts)
                + (reason.isEmpty() ? "" : "; cutover reason: " + reason) + String.format(Locale.ROOT, "; cutover %s at step %d before and "
                + "after; slow requests %s", started.state(), started.stepIndex(), load.kind("slow").byStatus());
        return ScenarioResult.of(this, RATE + "/s over 3 replicas, 10% taking 2 s", seen, Resources.change(before, after)
                + " (first replica, before its restart and the new process after)", checks, notes);
    }

    /** Error answers by the gateway that gave them and when: while which replica was out, or after it came back. */
    private static java.util.Map<String, Long> errorsByPhase(Outcomes seen, List<long[]> restarts) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (Outcomes.ErrorAnswer e : seen.errorAnswers()) {
            String phase = "before any restart";
            for (long[] r : restarts) {
                if (e.dueNanos() >= r[0]) {
                    phase = e.dueNanos() < r[1] ? "while :" + r[2] + " was out" : "after :" + r[2] + " was back";
                }
            }
            out.merge("from :" + e.port() + " " + phase + ": " + e.status() + " " + e.reason(), 1L, Long::sum);
        }
        return out;
    }

    /** The distinct state versions the replicas hold (one when they agree). */
    private static Set<Long> agree(List<Gateway> gateways) throws Exception {
        Set<Long> versions = new LinkedHashSet<>();
        for (Gateway g : gateways) {
            versions.add(g.probe().admin("/admin/replica").path("state").path("version").asLong(-1));
        }
        return versions;
    }
}
