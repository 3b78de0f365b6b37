package dev.shunt.loadtest.reliability;

import dev.shunt.loadtest.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Two real cpu-backends behind one gateway under steady load; one is killed with SIGKILL, then
 * started again on its port. Only requests in flight at the kill may fail (they may have been on the
 * dead backend); every request due after it must succeed; its breaker must open; once it is back it
 * must get traffic again.
 */
final class BackendKillScenario implements Scenario {

    static final int RATE = 30;
    static final Duration BEFORE_KILL = Duration.ofSeconds(3);
    static final Duration AFTER_KILL = Duration.ofSeconds(3);
    static final Duration BACK_WITHIN = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "cpu-backend-killed";
    }

    @Override
    public String passMeans() {
        return "no request due after the SIGKILL fails unless it reached the dead backend (in flight at that instant, "
                + "or written to its connection before the gateway saw it close: the error names that backend), the dead "
                + "backend's breaker is seen `open` in /admin/pools, and after its restart on the same port it "
                + "answers requests again within " + BACK_WITHIN.toSeconds() + " s";
    }

    @Override
    public ScenarioResult run(Lab lab) throws Exception {
        CompletableFuture<ServerProcess> startA = CompletableFuture.supplyAsync(() -> start(lab, "kill-a", 0));
        ServerProcess b = lab.cpuBackend("kill-b", 0);
        ServerProcess a = startA.join();
        int port = ServerProcess.freePort();
        String victim = "127.0.0.1:" + b.port();
        Gateway gateway = lab.gateway(name(), port, """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 2, accessLog: false}
                pools:
                  cpu:
                    backends: ["127.0.0.1:%d", "%s"]
                    balancer: round-robin
                    healthCheck: {interval: 1s, timeout: 500ms, rise: 1, fall: 3}
                    breaker: {failureRatePercent: 50, slidingWindow: 10, minimumCalls: 4, openFor: 2s, halfOpenCalls: 2}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                admin: {tokenEnv: SHUNT_ADMIN_TOKEN}
                debug: {exposeBackendAddresses: true}   # answers are counted by the backend that served them
                """.formatted(port, a.port(), victim));
        Resources before = Resources.of(gateway);
        String victimId = gateway.probe().publicId("cpu", victim);
        RunningLoad load = RunningLoad.start(lab.vertx(), Targets.of(port),
                List.of(Kinds.mlp("standard", 1, 1, Duration.ofSeconds(2))), RATE, Duration.ofSeconds(30));
        Waits.sleep(BEFORE_KILL);
        long killedAt = System.nanoTime();
        b.kill();
        Set<String> circuits = new TreeSet<>();
        long watchUntil = System.nanoTime() + AFTER_KILL.toNanos();
        while (System.nanoTime() < watchUntil) {
            try {
                circuits.add(gateway.probe().circuit("cpu", victim));
            } catch (java.io.IOException e) {
                circuits.add("unreadable");
            }
            Thread.sleep(100);
        }
        long servedBefore = served(load, b.port());
        long restartedAt = System.nanoTime();
        lab.cpuBackend("kill-b-again", b.port());
        boolean back = Waits.until(BACK_WITHIN, () -> served(load, b.port()) > servedBefore);
        Outcomes seen = load.stop().all();
        Resources after = Resources.of(gateway);
        List<Outcomes.Failure> afterKill = new ArrayList<>();
        long sentToTheDead = 0;
        long inFlightAtKill = 0;
        long duringRestart = 0;
        for (Outcomes.Failure f : seen.failed()) {
            if (f.dueNanos() > killedAt && f.error().contains(victimId)) {
                sentToTheDead++; // written to the dead backend's connection before the gateway saw it close: it reached it
            } else if (f.dueNanos() > killedAt) {
                afterKill.add(f);
                duringRestart += f.dueNanos() > restartedAt ? 1 : 0;
            } else if (f.endNanos() >= killedAt) {
                inFlightAtKill++;
            }
        }
        Checks checks = new Checks()
                .require(afterKill.isEmpty(), afterKill.size() + " requests due after the kill failed, statuses "
                        + afterKill.stream().map(Outcomes.Failure::status).distinct().toList())
                .require(seen.failures() == inFlightAtKill + sentToTheDead + afterKill.size(), (seen.failures()
                        - inFlightAtKill - sentToTheDead - afterKill.size()) + " requests failed before the kill")
                .require(circuits.contains("open"), "the dead backend's breaker was never seen open: " + circuits)
                .require(back, "the restarted backend answered nothing within " + BACK_WITHIN.toSeconds() + " s");
        String notes = String.format(Locale.ROOT, "%d failures among requests in flight at the kill, %d due after it "
                + "but sent to the dead backend's connection, %d others after it (%d of them due while the backend "
                + "restarted); answers %s; breaker states seen after the kill %s; 2xx by backend %s", inFlightAtKill,
                sentToTheDead, afterKill.size(), duringRestart, seen.summary(), circuits,
                seen.okByBackend());
        return ScenarioResult.of(this, RATE + "/s, kill after " + BEFORE_KILL.toSeconds() + " s", seen,
                Resources.change(before, after), checks, notes);
    }

    private static long served(RunningLoad load, int port) {
        return load.all().okByBackend().entrySet().stream().filter(e -> e.getKey().endsWith(":" + port))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    private static ServerProcess start(Lab lab, String name, int port) {
        try {
            return lab.cpuBackend(name, port);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start", e);
        }
    }
}
