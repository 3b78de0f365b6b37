package dev.shunt.loadtest.reliability;

import dev.shunt.loadtest.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole GPU pool goes down under a mixed load: small requests stay on the CPU pool, large ones
 * spill to it (their rule says so), requests whose rule allows only the GPU get 503 with
 * {@code Retry-After}, and the gateway stays ready for the routes it can still serve.
 */
final class GpuPoolDownScenario implements Scenario {

    static final int RATE = 30;
    static final Duration WARM = Duration.ofMillis(1500);
    static final Duration DOWN = Duration.ofSeconds(4);

    @Override
    public String name() {
        return "gpu-pool-down";
    }

    @Override
    public String passMeans() {
        return "once the health checks see the GPU pool down: every small request 2xx from `cpu`, every large "
                + "one 2xx from `cpu` (spilled), every GPU-only one 503 with `Retry-After`, `/v2/health/ready` 200 "
                + "throughout; while the checks catch up, no request left without an answer or with an unclear error";
    }

    @Override
    public ScenarioResult run(Lab lab) throws Exception {
        int cpu = lab.primaryPort();
        FaultServer gpu = lab.fault(Fault.OK);
        int port = ServerProcess.freePort();
        Gateway gateway = lab.gateway(name(), port, """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 2, accessLog: false}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"]}
                  gpu:
                    backends: ["127.0.0.1:%d"]
                    healthCheck: {interval: 250ms, timeout: 250ms, rise: 1, fall: 2}
                routes:
                  - name: default
                    policy:
                      type: rules
                      rules:
                        - {name: gpu-only, header: X-Needs-Gpu, headerValue: "yes", pool: gpu}
                        - {name: large, minRows: 5, pool: gpu, spill: cpu}
                        - {name: small, pool: cpu}
                admin: {tokenEnv: SHUNT_ADMIN_TOKEN}
                """.formatted(port, cpu, gpu.port()));
        var kinds = List.of(Kinds.mlp("small", 2, 1, Duration.ofSeconds(2)),
                Kinds.mlp("large", 1, 8, Duration.ofSeconds(2)),
                Kinds.mlp("gpu-only", 1, 1, Duration.ofSeconds(2), Map.of("X-Needs-Gpu", "yes")));
        Resources before = Resources.of(gateway);
        RunningLoad transition = RunningLoad.start(lab.vertx(), Targets.of(port), kinds, RATE, Duration.ofSeconds(30));
        Waits.sleep(WARM);
        gpu.close();
        boolean noticed = Waits.until(Duration.ofSeconds(5), () -> gateway.probe().admin("/admin/pools").toString()
                .contains("\"healthy\":false"));
        Outcomes caughtUp = transition.stop().all();
        RunningLoad down = RunningLoad.start(lab.vertx(), Targets.of(port), kinds, RATE, Duration.ofSeconds(30));
        int polls = 0;
        int notReady = 0;
        long until = System.nanoTime() + DOWN.toNanos();
        while (System.nanoTime() < until) {
            polls++;
            if (gateway.probe().readiness() != 200) {
                notReady++;
            }
            Thread.sleep(200);
        }
        down.stop();
        Resources after = Resources.of(gateway);
        Outcomes small = down.kind("small");
        Outcomes large = down.kind("large");
        Outcomes gpuOnly = down.kind("gpu-only");
        Checks checks = new Checks()
                .require(noticed, "the gateway's health checks did not mark the GPU backend unhealthy within 5 s")
                .require(small.ok() == small.requests(), "small: " + small.summary() + " (expected: all 2xx)")
                .require(large.ok() == large.requests() && large.okByPool().getOrDefault("cpu", 0L) == large.ok(),
                        "large: " + large.summary() + " from pools " + large.okByPool() + " (expected: all 2xx from cpu)")
                .require(gpuOnly.shed() == gpuOnly.requests() && gpuOnly.byStatus().keySet().equals(java.util.Set.of(503)),
                        "gpu-only: " + gpuOnly.summary() + ", " + gpuOnly.shed() + " with Retry-After (expected: all "
                                + "503 with Retry-After)")
                .require(notReady == 0, notReady + " of " + polls + " readiness polls were not 200 while the GPU pool "
                        + "was down: the gateway is ready only while every pool some route's policy names has a healthy "
                        + "backend (here `gpu`, named by the gpu-only and large rules), although the route still "
                        + "serves small and spilled requests; every replica would leave its load balancer at once")
                .require(caughtUp.noAnswer() == 0 && caughtUp.unclearErrors() == 0, "while the checks caught up: "
                        + caughtUp.noAnswer() + " without an answer, " + caughtUp.unclearErrors() + " unclear errors");
        String notes = String.format(Locale.ROOT, "while the health checks caught up (%d requests): %s; then small "
                + "%s, large %s from %s, gpu-only %s; readiness %d of %d polls 200", caughtUp.requests(),
                caughtUp.summary(), small.summary(), large.summary(), large.okByPool(), gpuOnly.summary(),
                polls - notReady, polls);
        return ScenarioResult.of(this, RATE + "/s, 2:1:1 small:large:gpu-only, " + DOWN.toSeconds() + " s down",
                down.all(), Resources.change(before, after), checks, notes);
    }
}
