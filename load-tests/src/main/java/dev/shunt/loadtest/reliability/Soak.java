package dev.shunt.loadtest.reliability;

import dev.shunt.loadtest.RequestKind;
import dev.shunt.loadtest.ServerProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The soak: one gateway in front of two cpu-backends and a staging one, a mixed load with every request
 * mirrored, a full cutover to staging, then a second cutover rolled back, then a backend killed and
 * started again, all in the first half; the gateway's heap after GC, fds, threads and connections
 * sampled every 10 s throughout, and judged flat over the second half.
 */
public final class Soak {

    static final int RATE = 20;
    static final Duration EVERY = Duration.ofSeconds(10);
    static final String ROUTE = "default";

    private final Path cpuJar;
    private final Path gatewayJar;
    private final Path logDir;
    private final PrintStream progress;

    public Soak(Path cpuJar, Path gatewayJar, Path logDir, PrintStream progress) {
        this.cpuJar = cpuJar;
        this.gatewayJar = gatewayJar;
        this.logDir = logDir;
        this.progress = progress;
    }

    /** Runs it for {@code duration} and returns what it saw. */
    public SoakResult run(Duration duration) throws Exception {
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: at least 1m)");
        }
        try (Lab lab = new Lab(cpuJar, gatewayJar, logDir)) {
            ServerProcess a = lab.cpuBackend("soak-a", 0);
            ServerProcess b = lab.cpuBackend("soak-b", 0);
            int staging = lab.candidatePort();
            Lab.warm(a.port());
            Lab.warm(b.port());
            int port = ServerProcess.freePort();
            Duration bake = Duration.ofSeconds(Math.max(10, duration.toSeconds() / 12));
            Gateway gateway = lab.gateway("soak-gateway", port, """
                    listener: {host: 127.0.0.1, port: %d, eventLoops: 2, accessLog: false}
                    pools:
                      cpu: {backends: ["127.0.0.1:%d", "127.0.0.1:%d"]}
                      staging: {backends: ["127.0.0.1:%d"]}
                    routes:
                      - name: %s
                        policy: {type: rules, rules: [{name: all, pool: cpu}]}
                        mirror: {pool: staging, percent: 100, maxInFlight: 64, timeout: 2s}
                        cutover: {pool: staging, steps: [25, 100], bake: %ds, maxErrorRate: 0.5, maxP99: 5s, minSamplesPerStep: 20}
                    resilience:
                      classDeadlines: {realtime: 1s, standard: 2s, batch: 5s}
                    admin: {tokenEnv: SHUNT_ADMIN_TOKEN}
                    """.formatted(port, a.port(), b.port(), staging, ROUTE, bake.toSeconds()));
            List<RequestKind> mix = List.of(RequestKind.mlp("realtime", 6, 1, 1), RequestKind.mlp("standard", 3, 2, 2),
                    RequestKind.mlp("batch", 1, 8, 3));
            List<SoakSample> samples = Collections.synchronizedList(new ArrayList<>());
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            RunningLoad load = RunningLoad.start(lab.vertx(), Targets.of(port), mix, RATE, Duration.ofSeconds(30));
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> sample(gateway, load, samples), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
            try {
                at(load, duration, 0.10);
                CutoverStatus.act(gateway.probe(), ROUTE, "start");
                event(events, load, "cutover 1 started (steps 25%, 100%; bake " + bake.toSeconds() + " s)");
                boolean completed = Waits.until(bake.multipliedBy(4), () -> "COMPLETED".equals(
                        CutoverStatus.of(gateway.probe(), ROUTE).state()));
                event(events, load, "cutover 1 " + (completed ? "COMPLETED: staging serves the route"
                        : "not completed: " + CutoverStatus.of(gateway.probe(), ROUTE)));
                at(load, duration, 0.30);
                CutoverStatus.act(gateway.probe(), ROUTE, "start");
                event(events, load, "cutover 2 started");
                at(load, duration, 0.38);
                CutoverStatus.act(gateway.probe(), ROUTE, "abort");
                event(events, load, "cutover 2 aborted: rolled back to 0%");
                at(load, duration, 0.42);
                b.kill();
                event(events, load, "cpu-backend :" + b.port() + " killed (SIGKILL)");
                lab.cpuBackend("soak-b-again", b.port());
                event(events, load, "cpu-backend :" + b.port() + " started again and ready");
                at(load, duration, 1.0);
            } finally {
                sampler.shutdown();
                sampler.awaitTermination(60, TimeUnit.SECONDS);
            }
            // the last sample is the one under load: after the load stops, connections and fds fall
            Outcomes seen = load.stop().all();
            return new SoakResult(duration, RATE, List.copyOf(samples), List.copyOf(events), seen.requests(),
                    seen.failures(), seen.shed(), seen.p99Ms(), seen.summary());
        }
    }

    private void at(RunningLoad load, Duration duration, double fraction) throws InterruptedException {
        long due = (long) (duration.toMillis() * fraction);
        long now = (long) (load.seconds() * 1000);
        if (due > now) {
            Thread.sleep(due - now);
        }
    }

    private void event(List<String> events, RunningLoad load, String what) {
        String line = String.format(Locale.ROOT, "%.0f s: %s", load.seconds(), what);
        events.add(line);
        progress.println("[soak] " + line);
    }

    private void sample(Gateway gateway, RunningLoad load, List<SoakSample> samples) {
        try {
            double t = load.seconds();
            Resources r = Resources.of(gateway);
            samples.add(new SoakSample(t, r, load.all().requests(), load.all().failures()));
            progress.printf(Locale.ROOT, "[soak] %.0f s: heap %.1f MiB, fds %d, threads %d, connections %d, "
                    + "requests %d, failures %d%n", t, r.heapMiB(), r.fds(), r.threads(), r.connections(),
                    load.all().requests(), load.all().failures());
        } catch (Exception e) {
            progress.println("[soak] sample failed: " + e);
        }
    }
}
