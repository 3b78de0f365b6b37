package dev.shunt.loadtest;

import dev.shunt.vocabulary.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar load-tests/target/shunt-load-tests.jar <benchmark>}: side-by-side benchmarks over HTTP. */
@Command(name = "shunt-bench", mixinStandardHelpOptions = true, version = "shunt-bench 0.1.0",
        description = "Side-by-side benchmarks of the Shunt model servers, started as processes on loopback. "
                + "Every figure is a ratio measured in interleaved rounds of one run.",
        subcommands = {BenchMain.CpuSizing.class, BenchMain.OmpBinding.class, BenchMain.Batching.class, BenchMain.Proxies.class, BenchMain.Demo.class,
                BenchMain.Routing.class, BenchMain.Mirroring.class, BenchMain.Slowloris.class, BenchMain.BinaryTensors.class,
                BenchMain.Curves.class, BenchMain.Overload.class, BenchMain.ReportCommand.class, BenchMain.Reliability.class,
                BenchMain.SoakCommand.class})
public final class BenchMain implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Auto-sized CPU workers vs an oversubscribed pool. */
    @Command(name = "cpu-sizing", mixinStandardHelpOptions = true,
            description = "cpu-backend auto-sized (workers x threads = physical cores) vs oversubscribed "
                    + "(--workers W --threads T), same model, same closed-loop load.")
    static final class CpuSizing implements Callable<Integer> {
        @Option(names = "--jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path jar;
        @Option(names = "--model", defaultValue = "convnet", description = "mlp or convnet (default: ${DEFAULT-VALUE}).") String model;
        @Option(names = "--rows", defaultValue = "1", description = "Rows per request (default: ${DEFAULT-VALUE}).") int rows;
        @Option(names = "--concurrency", defaultValue = "8", description = "Senders (default: ${DEFAULT-VALUE}).") int concurrency;
        @Option(names = "--oversubscribed-workers", defaultValue = "2") int workers;
        @Option(names = "--oversubscribed-threads", defaultValue = "2") int threads;
        @Mixin BenchOptions options;

        @Override
        public Integer call() throws Exception {
            return Benchmark.run("CPU sizing: auto vs oversubscribed",
                    "Same cpu-backend jar and model; `auto` lets the server size itself from the CPU quota and "
                            + "physical cores, `oversubscribed` forces workers x threads beyond them.",
                    List.of(new Benchmark.Config("auto", "auto-sized", jar, List.of("--model", model)),
                            new Benchmark.Config("oversubscribed", workers + " workers x " + threads + " threads", jar,
                                    List.of("--model", model, "--workers", Integer.toString(workers),
                                            "--threads", Integer.toString(threads)))),
                    "oversubscribed", "/v2/models/" + model + "/infer", RequestBodies.forModel(model, rows, 1),
                    Map.of("Content-Type", "application/json"), concurrency, options);
        }
    }

    /** OpenMP threads bound to physical cores vs left to the scheduler. */
    @Command(name = "omp-binding", mixinStandardHelpOptions = true,
            description = "cpu-backend with its OpenMP threads bound to physical cores (OMP_PLACES=cores, "
                    + "OMP_PROC_BIND=close, as ./shunt and the Kubernetes manifests set them) vs unbound, same model, "
                    + "same sizing, same closed-loop load.")
    static final class OmpBinding implements Callable<Integer> {
        @Option(names = "--jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path jar;
        @Option(names = "--model", defaultValue = "convnet", description = "mlp or convnet (default: ${DEFAULT-VALUE}).") String model;
        @Option(names = "--rows", defaultValue = "4", description = "Rows per request (default: ${DEFAULT-VALUE}).") int rows;
        @Option(names = "--concurrency", defaultValue = "4", description = "Senders (default: ${DEFAULT-VALUE}).") int concurrency;
        @Option(names = "--workers", defaultValue = "1", description = "Workers (default: ${DEFAULT-VALUE}).") int workers;
        @Option(names = "--threads", defaultValue = "2", description = "Intra-op (OpenMP) threads per worker (default: ${DEFAULT-VALUE}).") int threads;
        @Mixin BenchOptions options;

        @Override
        public Integer call() throws Exception {
            List<String> args = List.of("--model", model, "--workers", Integer.toString(workers), "--threads",
                    Integer.toString(threads));
            return Benchmark.run("OpenMP binding: bound vs unbound",
                    "Same cpu-backend jar, model and sizing (" + workers + " worker(s) x " + threads + " OpenMP "
                            + "thread(s)); `bound` sets OMP_PLACES=cores and OMP_PROC_BIND=close, `unbound` leaves "
                            + "thread placement to the kernel.",
                    List.of(new Benchmark.Config("bound", "OMP_PLACES=cores, OMP_PROC_BIND=close", jar, args,
                                    Map.of("OMP_PLACES", "cores", "OMP_PROC_BIND", "close")),
                            new Benchmark.Config("unbound", "no OMP_PLACES, no OMP_PROC_BIND", jar, args,
                                    Map.of("OMP_PLACES", "", "OMP_PROC_BIND", ""))),
                    "unbound", "/v2/models/" + model + "/infer", RequestBodies.forModel(model, rows, 1),
                    Map.of("Content-Type", "application/json"), concurrency, options);
        }
    }

    /** Dynamic batching on vs off at saturation. */
    @Command(name = "batching", mixinStandardHelpOptions = true,
            description = "gpu-backend with dynamic batching (--max-batch-size B --max-queue-delay D) vs without "
                    + "(--max-batch-size 1), same model, same closed-loop load at saturation.")
    static final class Batching implements Callable<Integer> {
        @Option(names = "--jar", defaultValue = "gpu-backend/target/shunt-gpu-backend.jar") Path jar;
        @Option(names = "--model", defaultValue = "convnet", description = "mlp or convnet (default: ${DEFAULT-VALUE}).") String model;
        @Option(names = "--rows", defaultValue = "1", description = "Rows per request (default: ${DEFAULT-VALUE}).") int rows;
        @Option(names = "--concurrency", defaultValue = "32", description = "Senders (default: ${DEFAULT-VALUE}).") int concurrency;
        @Option(names = "--max-batch-size", defaultValue = "16") int maxBatchSize;
        @Option(names = "--max-queue-delay", defaultValue = "5ms") String maxQueueDelay;
        @Mixin BenchOptions options;

        @Override
        public Integer call() throws Exception {
            return Benchmark.run("Dynamic batching: on vs off",
                    "Same gpu-backend jar and model (on the CPU here: no GPU on this machine); `batching` joins "
                            + "queued requests into batches, `no-batching` runs each alone.",
                    List.of(new Benchmark.Config("batching", "max batch " + maxBatchSize + ", delay " + maxQueueDelay, jar,
                                    List.of("--model", model, "--max-batch-size", Integer.toString(maxBatchSize),
                                            "--max-queue-delay", maxQueueDelay)),
                            new Benchmark.Config("no-batching", "max batch 1", jar,
                                    List.of("--model", model, "--max-batch-size", "1"))),
                    "no-batching", "/v2/models/" + model + "/infer", RequestBodies.forModel(model, rows, 1),
                    Map.of("Content-Type", "application/json"), concurrency, options);
        }
    }

    /** The gateway against nginx and HAProxy in front of the same model server. */
    @Command(name = "proxies", mixinStandardHelpOptions = true,
            description = "One cpu-backend measured directly, through the Shunt gateway, through nginx and through "
                    + "HAProxy (plain reverse proxies; apt-get install nginx haproxy), in interleaved rounds.")
    static final class Proxies implements Callable<Integer> {
        @Option(names = "--jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path jar;
        @Option(names = "--gateway-jar", defaultValue = "gateway/target/shunt-gateway.jar") Path gatewayJar;
        @Option(names = "--model", defaultValue = "mlp", description = "mlp or convnet (default: ${DEFAULT-VALUE}).") String model;
        @Option(names = "--rows", defaultValue = "1", description = "Rows per request (default: ${DEFAULT-VALUE}).") int rows;
        @Option(names = "--concurrency", defaultValue = "16", description = "Senders (default: ${DEFAULT-VALUE}).") int concurrency;
        @Mixin BenchOptions options;

        @Override
        public Integer call() throws Exception {
            return ProxyBenchmark.run(jar, gatewayJar, model, rows, concurrency, options);
        }
    }

    /** Hybrid routing against all-CPU and all-batching under the same mixed open-model load. */
    @Command(name = "routing", mixinStandardHelpOptions = true,
            description = "The same mixed open-model load (75%% realtime 1 row, 25%% batch N rows) through four gateways "
                    + "in front of one cpu-backend and one gpu-backend: hybrid routing, all to CPU, all to batching, "
                    + "and the slo policy with priors from load-tests/curves/cpu-mlp.csv and gpu-on-cpu-mlp.csv.")
    static final class Routing implements Callable<Integer> {
        @Option(names = "--cpu-jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path cpuJar;
        @Option(names = "--gpu-jar", defaultValue = "gpu-backend/target/shunt-gpu-backend.jar") Path gpuJar;
        @Option(names = "--gateway-jar", defaultValue = "gateway/target/shunt-gateway.jar") Path gatewayJar;
        @Option(names = "--rate", defaultValue = "300", description = "Arrivals per second (default: ${DEFAULT-VALUE}).")
        long rate;
        @Option(names = "--batch-rows", defaultValue = "32", description = "Rows of a batch request (default: ${DEFAULT-VALUE}).")
        int batchRows;
        @Mixin BenchOptions options;

        @Override
        public Integer call() throws Exception {
            return RoutingBenchmark.run(cpuJar, gpuJar, gatewayJar, rate, batchRows, options);
        }
    }

    /** What mirroring costs the primary, Shunt and (when installed) nginx. */
    @Command(name = "mirroring", mixinStandardHelpOptions = true,
            description = "One cpu-backend behind the gateway (and nginx when installed) with no mirroring, 100%% "
                    + "mirrored to a fast shadow, 100%% mirrored to a shadow answering after 200 ms.")
    static final class Mirroring implements Callable<Integer> {
        @Option(names = "--jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path jar;
        @Option(names = "--gateway-jar", defaultValue = "gateway/target/shunt-gateway.jar") Path gatewayJar;
        @Option(names = "--concurrency", defaultValue = "16", description = "Senders (default: ${DEFAULT-VALUE}).") int concurrency;
        @Mixin BenchOptions options;

        @Override
        public Integer call() throws Exception {
            return options.publish(MirrorBenchmark.measure(jar, gatewayJar, concurrency, options));
        }
    }

    /** A normal client's latency through the gateway alone and under a slowloris. */
    @Command(name = "slowloris", mixinStandardHelpOptions = true,
            description = "One cpu-backend behind one gateway; a closed-loop client alone and with N slow connections "
                    + "sending headers at one byte a second, in interleaved rounds: p50/p99, the gateway's open "
                    + "descriptors before/during/after, slow connections closed by the header timeout.")
    static final class Slowloris implements Callable<Integer> {
        @Option(names = "--jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path jar;
        @Option(names = "--gateway-jar", defaultValue = "gateway/target/shunt-gateway.jar") Path gatewayJar;
        @Option(names = "--slow", defaultValue = "1000", description = "Slow connections (default: ${DEFAULT-VALUE}).") int slow;
        @Option(names = "--concurrency", defaultValue = "4", description = "Normal senders (default: ${DEFAULT-VALUE}).") int concurrency;
        @Option(names = "--header-timeout", defaultValue = "10s",
                description = "The gateway's listener.headerTimeout (default: ${DEFAULT-VALUE}).") String headerTimeout;
        // its own round options, shorter than the other benchmarks', so that the default run stays under 90 s
        @Option(names = "--rounds", defaultValue = "2", description = "Interleaved rounds (default: ${DEFAULT-VALUE}).") int rounds;
        @Option(names = "--round-seconds", defaultValue = "10", description = "Length of one round (default: ${DEFAULT-VALUE}).") int roundSeconds;
        @Option(names = "--warmup-seconds", defaultValue = "5", description = "Warm-up (default: ${DEFAULT-VALUE}).") int warmupSeconds;
        @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report to FILE.") Path out;
        @Option(names = "--logs", defaultValue = "target/bench-logs", description = "Where the servers' logs go (default: ${DEFAULT-VALUE}).") Path logs;

        @Override
        public Integer call() throws Exception {
            BenchOptions options = new BenchOptions();
            options.rounds = rounds;
            options.roundSeconds = roundSeconds;
            options.warmupSeconds = warmupSeconds;
            options.out = out;
            options.logs = logs;
            return options.publish(SlowlorisBenchmark.measure(jar, gatewayJar, slow, concurrency, headerTimeout, options));
        }
    }

    /** JSON against binary tensor data for a convnet batch through the gateway. */
    @Command(name = "binary-tensors", mixinStandardHelpOptions = true,
            description = "One gpu-backend (convnet, default batching) behind one gateway; the same FP32 batch "
                    + "[rows,3,64,64] sent as JSON and in binary (binary output asked), in interleaved rounds: bytes "
                    + "on the wire, gateway and model server CPU per request, throughput, p50/p99. Fails unless both "
                    + "answers decode to the same logits first.")
    static final class BinaryTensors implements Callable<Integer> {
        @Option(names = "--gpu-jar", defaultValue = "gpu-backend/target/shunt-gpu-backend.jar") Path gpuJar;
        @Option(names = "--gateway-jar", defaultValue = "gateway/target/shunt-gateway.jar") Path gatewayJar;
        @Option(names = "--rows", defaultValue = "16", description = "Images per request (default: ${DEFAULT-VALUE}).") int rows;
        @Option(names = "--concurrency", defaultValue = "4", description = "Senders (default: ${DEFAULT-VALUE}).") int concurrency;
        @Option(names = "--direct", description = "Also send both straight to the model server (two more targets).")
        boolean direct;
        @Mixin BenchOptions options;

        @Override
        public Integer call() throws Exception {
            if (rows < 1 || rows > 256) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--rows: " + rows + " (expected: 1..256)");
            }
            return options.publish(BinaryTensorsBenchmark.measure(gpuJar, gatewayJar, rows, concurrency, direct, options));
        }
    }

    /** One model server's latency curve per batch size, in the simulator's CSV format. */
    @Command(name = "curves", mixinStandardHelpOptions = true,
            description = "Starts one model server (default: cpu-backend, one worker of one thread) and sends requests "
                    + "of N rows one at a time for each N; writes p50/p99 of the server's X-Compute-Ms per N as a "
                    + "latency curve file (pool_kind,model,batch_size,p50_ms,p99_ms) with its source in comments.")
    static final class Curves implements Callable<Integer> {
        @Option(names = "--jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path jar;
        @Option(names = "--model", defaultValue = "convnet", description = "mlp or convnet (default: ${DEFAULT-VALUE}).") String model;
        @Option(names = "--pool-kind", defaultValue = "cpu", description = "The file's pool_kind label (default: "
                + "${DEFAULT-VALUE}; say gpu-on-cpu for the gpu-backend on a machine without a GPU).") String poolKind;
        @Option(names = "--sizes", split = ",", defaultValue = "1,2,4,8,16,32,64",
                description = "Rows per request (default: ${DEFAULT-VALUE}).") List<Integer> sizes;
        @Option(names = "--server-args", defaultValue = "--workers 1 --threads 1",
                description = "Arguments for the server besides --port and --model (default: ${DEFAULT-VALUE}).")
        String serverArgs;
        @Option(names = "--warmup", defaultValue = "20", description = "Warm-up requests per size (default: ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--count", defaultValue = "300", description = "Most measured requests per size (default: ${DEFAULT-VALUE}).")
        int count;
        @Option(names = "--seconds", defaultValue = "15", description = "Most measured seconds per size (default: ${DEFAULT-VALUE}).")
        int seconds;
        @Option(names = "--rounds", defaultValue = "3", description = "Rounds over the sizes (default: ${DEFAULT-VALUE}).")
        int rounds;
        @Option(names = "--out", paramLabel = "FILE", description = "Also write the curve file to FILE.") Path out;
        @Option(names = "--logs", defaultValue = "target/bench-logs", description = "Default: ${DEFAULT-VALUE}.") Path logs;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CurveMeasurement.Plan plan;
            try {
                plan = new CurveMeasurement.Plan(poolKind, model, sizes, warmup, count, Duration.ofSeconds(seconds), rounds);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            String command = "java -jar load-tests/target/shunt-load-tests.jar "
                    + String.join(" ", spec.commandLine().getParseResult().originalArgs().stream()
                            .map(a -> a.matches(".*\\s.*") ? "\"" + a + "\"" : a).toList());
            List<String> args = serverArgs.isBlank() ? List.of() : List.of(serverArgs.strip().split("\\s+"));
            return CurveMeasurement.run(jar, args, plan, command, out, logs);
        }
    }

    /** Shedding and honest latency at 1x, 3x and 0.5x of measured capacity, the client's and the gateway's figures side by side. */
    @Command(name = "overload", mixinStandardHelpOptions = true,
            description = "One cpu-backend behind two gateways (defaults; rejectUnmeetable: true): capacity of a mix of "
                    + "realtime 1-row and batch 64-row requests measured closed loop, then open-model load at 1x, 3x and "
                    + "0.5x of it; per phase admitted, shed (429/503), errors, p50/p99 of admitted realtime requests at "
                    + "the client and in the gateway's histogram, late answers at both, heap after GC. About 90 s.")
    static final class Overload implements Callable<Integer> {
        @Option(names = "--cpu-jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path cpuJar;
        @Option(names = "--gateway-jar", defaultValue = "gateway/target/shunt-gateway.jar") Path gatewayJar;
        @Option(names = "--batch-rows", defaultValue = "64", description = "Rows of a batch request (default: ${DEFAULT-VALUE}).")
        int batchRows;
        @Option(names = "--workers", defaultValue = "2", description = "The backend's workers (default: ${DEFAULT-VALUE}).")
        int workers;
        @Option(names = "--phase-seconds", split = ",", defaultValue = "10,15,2,6",
                description = "Seconds of 1x, 3x, the recovery window of 0.5x and the rest of 0.5x (default: ${DEFAULT-VALUE}).")
        List<Integer> phaseSeconds;
        @Option(names = "--max-in-flight", defaultValue = "1024", description = "Generator's bound (default: ${DEFAULT-VALUE}).")
        int maxInFlight;
        @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report to FILE.") Path out;
        @Option(names = "--logs", defaultValue = "target/bench-logs", description = "Default: ${DEFAULT-VALUE}.") Path logs;

        @Override
        public Integer call() throws Exception {
            if (batchRows < 1 || workers < 1 || maxInFlight < 1 || phaseSeconds.stream().anyMatch(s -> s < 1)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--batch-rows, --workers, --max-in-flight and every --phase-seconds must be > 0");
            }
            var section = dev.shunt.loadtest.overload.OverloadBenchmark.measure(cpuJar, gatewayJar, logs,
                    new dev.shunt.loadtest.overload.OverloadBenchmark.Settings(batchRows, workers, phaseSeconds, maxInFlight));
            System.out.println();
            System.out.println(section.markdown());
            if (out != null) {
                java.nio.file.Files.writeString(out, section.markdown());
            }
            return 0;
        }
    }

    /** Every benchmark, one Markdown report with SVG charts. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Runs cpu-sizing, batching, proxies, routing and mirroring one after the other and writes "
                    + "report.md with SVG charts of throughput and latency (about 15 min with the defaults).")
    static final class ReportCommand implements Callable<Integer> {
        @Option(names = "--out-dir", defaultValue = "load-tests/report", description = "Default: ${DEFAULT-VALUE}.")
        Path outDir;
        @Option(names = "--skip", split = ",", description = "Sections to leave out: cpu-sizing, batching, proxies, "
                + "routing, mirroring.") java.util.Set<String> skip = new java.util.HashSet<>();
        @Option(names = "--cpu-jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path cpuJar;
        @Option(names = "--gpu-jar", defaultValue = "gpu-backend/target/shunt-gpu-backend.jar") Path gpuJar;
        @Option(names = "--gateway-jar", defaultValue = "gateway/target/shunt-gateway.jar") Path gatewayJar;
        @Mixin BenchOptions options;

        @Override
        public Integer call() throws Exception {
            return ReportRunner.run(outDir, skip, cpuJar, gpuJar, gatewayJar, options);
        }
    }

    /** The fault scenarios, one after the other, and their table. */
    @Command(name = "reliability", mixinStandardHelpOptions = true,
            description = "Runs the fault scenarios (a backend killed, hanging, trickling, resetting, answering garbage "
                    + "or truncated bodies; the GPU pool down; the shadow dead or slow under 100%% mirroring; a rolling "
                    + "update of three replicas with a cutover running; a reload every second) against real gateway "
                    + "and cpu-backend processes on loopback, and writes a Markdown table: scenario, load, requests, "
                    + "failures, shed, p99, memory, verdict. Exit code 0 when every scenario passes.")
    static final class Reliability implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "load-tests/results/reliability.md",
                description = "The report (default: ${DEFAULT-VALUE}).") Path out;
        @Option(names = "--scenario", split = ",", description = "Only these scenarios (default: all).")
        java.util.Set<String> scenarios = new java.util.LinkedHashSet<>();
        @Option(names = "--cpu-jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path cpuJar;
        @Option(names = "--gateway-jar", defaultValue = "gateway/target/shunt-gateway.jar") Path gatewayJar;
        @Option(names = "--logs", defaultValue = "target/reliability-logs", description = "Default: ${DEFAULT-VALUE}.")
        Path logs;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            List<dev.shunt.loadtest.reliability.ScenarioResult> results;
            try {
                results = new dev.shunt.loadtest.reliability.ReliabilitySuite(cpuJar, gatewayJar, logs, System.out)
                        .run(scenarios);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage(), e);
            }
            String command = "shunt reliability" + (scenarios.isEmpty() ? "" : " --scenario " + String.join(",", scenarios));
            dev.shunt.loadtest.reliability.ReliabilityReport.write(out, results, command,
                    (System.nanoTime() - start) / 1e9);
            System.out.println("[reliability] wrote " + out);
            return results.stream().allMatch(dev.shunt.loadtest.reliability.ScenarioResult::passed) ? 0 : 1;
        }
    }

    /** The long run: heap, fds, threads and connections sampled every 10 s, judged flat or not. */
    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = "A benchmark, not a test: one gateway, two cpu-backends and a staging one; mixed load with "
                    + "100%% mirroring, a full cutover and a rollback, a backend killed and restarted; the gateway's heap "
                    + "after GC, fds, threads and connections sampled every 10 s, plotted (SVG) and judged flat over "
                    + "the second half. Exit code 0 when every series is flat.")
    static final class SoakCommand implements Callable<Integer> {
        @Option(names = "--duration", defaultValue = "20m", description = "At least 1m (default: ${DEFAULT-VALUE}).")
        String duration;
        @Option(names = "--out", defaultValue = "load-tests/results/soak.md",
                description = "The report; the plots go next to it (default: ${DEFAULT-VALUE}).") Path out;
        @Option(names = "--cpu-jar", defaultValue = "cpu-backend/target/shunt-cpu-backend.jar") Path cpuJar;
        @Option(names = "--gateway-jar", defaultValue = "gateway/target/shunt-gateway.jar") Path gatewayJar;
        @Option(names = "--logs", defaultValue = "target/soak-logs", description = "Default: ${DEFAULT-VALUE}.") Path logs;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Duration d;
            try {
                d = Durations.parsePositive("--duration", duration);
                if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                    throw new IllegalArgumentException("--duration: \"" + duration + "\" (expected: at least 1m)");
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            var result = new dev.shunt.loadtest.reliability.Soak(cpuJar, gatewayJar, logs, System.out).run(d);
            dev.shunt.loadtest.reliability.SoakReport.write(out, result, "shunt-bench soak --duration " + duration);
            System.out.println("[soak] wrote " + out + (result.flat() ? " (flat)" : " (NOT flat)"));
            return result.flat() ? 0 : 1;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    /** The demo's mixed open-model load against a running gateway, with a summary and the shadow verdict. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Mixed realtime/standard/batch load at a fixed arrival rate against a running gateway; "
                    + "live progress, then requests, p50/p99, share and errors per class and pool, and the shadow "
                    + "verdict. Exit code 0 when at least 99%% were answered 2xx.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8000") java.net.URI gateway;
        @Option(names = "--duration", defaultValue = "15s", description = "e.g. 500ms, 15s, 1.5m, PT2M (default: ${DEFAULT-VALUE}).")
        String duration;
        @Option(names = "--rate", defaultValue = "50", description = "Arrivals per second (default: ${DEFAULT-VALUE}).")
        long rate;
        @Option(names = "--admin-token", description = "Reads the shadow verdict from /admin/shadow with it.")
        String adminToken;
        @Option(names = "--warmup", defaultValue = "6s", description = "Load ramping up to the rate before the measured "
                + "part, not counted (default: ${DEFAULT-VALUE}; 0s for none).")
        String warmup;

        @Override
        public Integer call() throws Exception {
            if (rate < 1 || rate > 100_000) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--rate: " + rate + " (expected: 1..100000)");
            }
            Duration warm;
            Duration measured;
            try {
                warm = Durations.parse("--warmup", warmup);
                measured = Durations.parsePositive("--duration", duration);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
            }
            return new DemoLoad(System.out).run(gateway, warm, measured, rate, adminToken);
        }
    }
}
