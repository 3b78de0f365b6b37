package dev.shunt.loadtest.sim;

import dev.shunt.vocabulary.Durations;
import dev.shunt.vocabulary.LatencyClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./shunt simulate}: the routing policies against simulated CPU-only, GPU-only and hybrid
 * fleets at several loads, in simulated time; a Markdown table on stdout (and {@code --out}) and two
 * SVG plots next to it.
 */
@Command(name = "shunt-simulate", mixinStandardHelpOptions = true, version = "shunt-simulate 0.1.0",
        description = "Discrete-event simulation of the routing policies (cpu-only, gpu-only, size-threshold, "
                + "latency-class, slo) on simulated fleets, with latency curves from CSV files.")
public final class SimulateMain implements Callable<Integer> {

    @Option(names = "--cpu-curve", defaultValue = "${sys:shunt.home:-.}/load-tests/curves/cpu-convnet.csv", description = "CPU curve file (default: load-tests/curves/cpu-convnet.csv).") Path cpuCurve;
    @Option(names = "--gpu-curve", defaultValue = "${sys:shunt.home:-.}/load-tests/curves/gpu-convnet.csv", description = "GPU curve file (default: load-tests/curves/gpu-convnet.csv, an assumption).") Path gpuCurve;
    @Option(names = "--hybrid-cpu", defaultValue = "40", description = "CPU backends of the hybrid fleet (default: ${DEFAULT-VALUE}).") int hybridCpu;
    @Option(names = "--hybrid-gpu", defaultValue = "2", description = "GPU backends of the hybrid fleet (default: ${DEFAULT-VALUE}).") int hybridGpu;
    @Option(names = "--cpu-only", defaultValue = "-1", description = "CPU backends of the CPU-only fleet (default: enough for the hybrid's estimated capacity).") int cpuOnly;
    @Option(names = "--gpu-only", defaultValue = "-1", description = "GPU backends of the GPU-only fleet (default: enough for the hybrid's estimated capacity).") int gpuOnly;
    @Option(names = "--cpu-workers", defaultValue = "8", description = "Requests a CPU backend serves at once (default: ${DEFAULT-VALUE}).") int cpuWorkers;
    @Option(names = "--cpu-max-in-flight", defaultValue = "32", description = "A CPU backend's bulkhead (default: ${DEFAULT-VALUE}).") int cpuMaxInFlight;
    @Option(names = "--gpu-max-batch-rows", defaultValue = "64", description = "Most rows a GPU backend joins into a pass (default: ${DEFAULT-VALUE}).") int gpuMaxBatchRows;
    @Option(names = "--gpu-max-queue-delay", defaultValue = "5ms", description = "Longest a GPU backend waits for more rows (default: ${DEFAULT-VALUE}).") String gpuMaxQueueDelay;
    @Option(names = "--gpu-max-in-flight", defaultValue = "512", description = "A GPU backend's bulkhead (default: ${DEFAULT-VALUE}).") int gpuMaxInFlight;
    @Option(names = "--cpu-price", defaultValue = "0.40", description = "$/h of a CPU backend (default: ${DEFAULT-VALUE}).") double cpuPrice;
    @Option(names = "--gpu-price", defaultValue = "2.50", description = "$/h of a GPU backend (default: ${DEFAULT-VALUE}).") double gpuPrice;
    @Option(names = "--loads", defaultValue = "0.3,0.5,0.7,0.9,1.1,1.3", description = "Offered mean rates as shares of the hybrid fleet's estimated capacity (default: ${DEFAULT-VALUE}).", split = ",") List<Double> loads;
    @Option(names = "--policies", defaultValue = "CPU_ONLY,GPU_ONLY,SIZE_THRESHOLD,LATENCY_CLASS,SLO", description = "Policies to run (default: ${DEFAULT-VALUE}).", split = ",") List<PolicyKind> policies;
    @Option(names = "--duration", defaultValue = "20s", description = "Simulated time of arrivals per run (default: ${DEFAULT-VALUE}).") String duration;
    @Option(names = "--warmup", defaultValue = "2s", description = "Arrivals before it are not counted (default: ${DEFAULT-VALUE}).") String warmup;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of every run (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--shares", defaultValue = "0.7,0.25,0.05", split = ",", description = "realtime,standard,batch shares at the start (default: ${DEFAULT-VALUE}).") double[] shares;
    @Option(names = "--batch-share-end", defaultValue = "0.10", description = "batch share at the end of the run (default: ${DEFAULT-VALUE}).") double batchShareEnd;
    @Option(names = "--burst-factor", defaultValue = "1.5", description = "Rate multiplier during the burst, 1 for none (default: ${DEFAULT-VALUE}).") double burstFactor;
    @Option(names = "--burst-start", defaultValue = "0.5", description = "Burst start as a share of the run (default: ${DEFAULT-VALUE}).") double burstStart;
    @Option(names = "--burst-length", defaultValue = "0.1", description = "Burst length as a share of the run (default: ${DEFAULT-VALUE}).") double burstLength;
    @Option(names = "--realtime-rows", defaultValue = "1,2", description = "min,max rows (default: ${DEFAULT-VALUE}).", split = ",") int[] realtimeRows;
    @Option(names = "--standard-rows", defaultValue = "4,16", description = "min,max rows (default: ${DEFAULT-VALUE}).", split = ",") int[] standardRows;
    @Option(names = "--batch-rows", defaultValue = "32,128", description = "min,max rows (default: ${DEFAULT-VALUE}).", split = ",") int[] batchRows;
    @Option(names = "--realtime-deadline", defaultValue = "50ms", description = "(default: ${DEFAULT-VALUE})") String realtimeDeadline;
    @Option(names = "--standard-deadline", defaultValue = "500ms", description = "(default: ${DEFAULT-VALUE})") String standardDeadline;
    @Option(names = "--batch-deadline", defaultValue = "5s", description = "(default: ${DEFAULT-VALUE})") String batchDeadline;
    @Option(names = "--threshold-rows", defaultValue = "8", description = "size-threshold: largest request sent to the CPU pool (default: ${DEFAULT-VALUE}).") int thresholdRows;
    @Option(names = "--slo-margin", defaultValue = "0.1", description = "slo: share of the time left kept in reserve, 0..0.9 (default: ${DEFAULT-VALUE}).") double sloMargin;
    @Option(names = "--slo-protect-wait", defaultValue = "25ms", description = "slo: standard and batch work leaves no longer wait than this on a pool; 0 for none (default: ${DEFAULT-VALUE}).") String sloProtectWait;
    @Option(names = "--slo-reject-unmeetable", defaultValue = "false", description = "slo refuses what no pool is expected to answer in time (default: ${DEFAULT-VALUE}).") boolean sloRejectUnmeetable;
    @Option(names = "--prior-weight", defaultValue = "20", description = "Answers the learner's prior (the curve file's p50 line) is worth (default: ${DEFAULT-VALUE}).") double priorWeight;
    @Option(names = "--learner-decay", defaultValue = "0.01", description = "The learner's fading per answer (default: ${DEFAULT-VALUE}).") double learnerDecay;
    @Option(names = "--out", description = "Also write the Markdown here, and the SVGs next to it.") Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Experiment e;
        try {
            e = experiment();
        } catch (IllegalArgumentException | java.io.UncheckedIOException bad) {
            System.err.println("shunt-simulate: " + bad.getMessage());
            return 2;
        }
        System.out.println("curves: " + e.hardware().cpuCurve().source() + ", " + e.hardware().gpuCurve().source()
                + " (GPU: an assumption, see the file)");
        List<RunResult> results = e.runAll();
        double wall = (System.nanoTime() - start) / 1e9;
        String md = SimReport.markdown(e, results, wall);
        System.out.print(md);
        if (out != null) {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.writeString(out, md);
            String prefix = out.getFileName().toString().replaceFirst("\\.md$", "");
            for (Map.Entry<String, String> svg : SimReport.svgs(results, prefix).entrySet()) {
                Files.writeString(dir.resolve(svg.getKey()), svg.getValue());
            }
            System.out.println("written: " + out + " and " + prefix + "-{attainment,cost}.svg next to it");
        }
        return 0;
    }

    Experiment experiment() {
        if (shares.length != 3) {
            throw new IllegalArgumentException("--shares: " + Arrays.toString(shares) + " (expected: realtime,standard,batch)");
        }
        Hardware hw = new Hardware(LatencyCurve.read(cpuCurve, shown(cpuCurve)), LatencyCurve.read(gpuCurve, shown(gpuCurve)), cpuWorkers, cpuMaxInFlight,
                gpuMaxBatchRows, Durations.parse("--gpu-max-queue-delay", gpuMaxQueueDelay), gpuMaxInFlight, cpuPrice,
                gpuPrice, priorWeight, learnerDecay);
        Workload w = new Workload(1, List.of(
                spec(LatencyClass.REALTIME, shares[0], realtimeRows, "--realtime-deadline", realtimeDeadline),
                spec(LatencyClass.STANDARD, shares[1], standardRows, "--standard-deadline", standardDeadline),
                spec(LatencyClass.BATCH, shares[2], batchRows, "--batch-deadline", batchDeadline)),
                Durations.parsePositive("--duration", duration), Durations.parse("--warmup", warmup), burstFactor,
                burstStart, burstLength, batchShareEnd);
        Fleet hybrid = new Fleet("hybrid", hybridCpu, hybridGpu);
        double capacity = Capacity.of(hybrid, hw, w);
        int cpus = cpuOnly >= 0 ? cpuOnly : (int) Math.ceil(capacity / Capacity.cpuBackend(hw, w));
        int gpus = gpuOnly >= 0 ? gpuOnly : (int) Math.ceil(capacity / Capacity.gpuBackend(hw, w));
        return new Experiment(new Fleet("cpu-only", cpus, 0), new Fleet("gpu-only", 0, gpus), hybrid, hw,
                new PolicySettings(thresholdRows, sloMargin, sloRejectUnmeetable, protectWait()), w, loads, policies, seed);
    }

    /** The path relative to the repository when it lies inside it ({@code shunt.home}, set by ./shunt). */
    private static String shown(Path file) {
        Path home = Path.of(System.getProperty("shunt.home", ".")).toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(home) ? home.relativize(abs).toString() : file.toString();
    }

    private static ClassSpec spec(LatencyClass c, double share, int[] rows, String flag, String deadline) {
        if (rows.length != 2) {
            throw new IllegalArgumentException("--" + c.wireName() + "-rows: " + Arrays.toString(rows) + " (expected: min,max)");
        }
        return new ClassSpec(c, share, rows[0], rows[1], Durations.parsePositive(flag, deadline));
    }

    private java.util.Optional<java.time.Duration> protectWait() {
        java.time.Duration d = sloProtectWait.equals("0") ? java.time.Duration.ZERO
                : Durations.parse("--slo-protect-wait", sloProtectWait);
        return d.isZero() ? java.util.Optional.empty() : java.util.Optional.of(d);
    }
}
