package dev.shunt.backend.cpu;

import ai.djl.Device;
import dev.shunt.backend.launch.BackendBootstrap;
import dev.shunt.backend.launch.CommonFlags;
import dev.shunt.backend.launch.DjlRuntime;
import dev.shunt.backend.launch.ThreadSettings;
import dev.shunt.backend.metrics.BackendMetricNames;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.vocabulary.LogFormat;
import io.micrometer.core.instrument.Gauge;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar shunt-cpu-backend.jar}: the latency-first model server. */
@Command(name = "shunt-cpu-backend", mixinStandardHelpOptions = true, version = "shunt-cpu-backend 0.1.0",
        sortOptions = false,
        description = "Latency-first Open Inference Protocol (KServe v2) model server: DJL/PyTorch on the CPU, a "
                + "pool of workers each with its own predictor, no batching. Workers x intra-op threads is sized to "
                + "the physical cores of the process's CPU quota (cgroup cpu.max, affinity mask, SMT siblings "
                + "counted once).")
public final class CpuBackendMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(CpuBackendMain.class);

    @Option(names = "--port", defaultValue = "8001", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker threads, each with its own predictor (default: from the usable physical cores).")
    Integer workers;

    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads per worker (default: 1, or cores / workers when --workers is given). "
                    + "-Dai.djl.pytorch.num_threads=N, when given, wins.")
    Integer threads;

    @Mixin
    CommonFlags flags;

    @Override
    public Integer call() {
        CpuTopology topology = CpuTopologyReader.system().read();
        SizingDecision sizing;
        OptionalInt userThreads;
        try {
            // -Dai.djl.pytorch.num_threads wins over --threads, and the pool is sized for what will run
            userThreads = ThreadSettings.userIntraOp(System::getProperty);
            sizing = WorkerSizing.decide(topology, optional(workers, "--workers"),
                    userThreads.isPresent() ? userThreads : optional(threads, "--threads"));
            DjlRuntime.configure(sizing.intraOpThreads(), 1);
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            return 2;
        }
        if (userThreads.isPresent() && threads != null && threads != userThreads.getAsInt()) {
            log.warn("--threads {} ignored: -D{}={} wins", threads, ThreadSettings.INTRA_OP_PROPERTY,
                    userThreads.getAsInt());
        }
        log.info("CPU: {}", topology.explain());
        log.info("sizing: {}", sizing.explanation());
        sizing.warnings().forEach(w -> log.warn("sizing: {}", w));
        WorkerPoolConfig pool = new WorkerPoolConfig(sizing.workers(), flags.queueCapacity());
        return new BackendBootstrap("cpu", flags, port).start(Device.cpu(),
                model -> WorkerPoolScheduler.start(model, pool, Ticker.system()),
                (metrics, scheduler) -> {
                    Gauge.builder(BackendMetricNames.WORKERS, sizing::workers)
                            .description("Worker threads, each with its own predictor").register(metrics.registry());
                    Gauge.builder(BackendMetricNames.INTRA_OP_THREADS, sizing::intraOpThreads)
                            .description("PyTorch intra-op threads per worker").register(metrics.registry());
                    Gauge.builder(BackendMetricNames.USABLE_CORES, sizing::usableCores)
                            .description("Physical cores the process may use").register(metrics.registry());
                    Gauge.builder(BackendMetricNames.OVERSUBSCRIBED, () -> sizing.oversubscribed() ? 1 : 0)
                            .description("1 when workers x threads exceeds the usable physical cores")
                            .register(metrics.registry());
                });
    }

    private static OptionalInt optional(Integer value, String flag) {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value < 1) {
            throw new IllegalArgumentException(flag + ": " + value + " (expected: > 0)");
        }
        return OptionalInt.of(value);
    }

    /** Parses the flags and starts the server; exits non-zero when start-up fails. */
    public static void main(String[] args) {
        LogFormat.problem(System.getenv(LogFormat.ENV)).ifPresent(problem -> {
            System.err.println(problem);
            System.exit(2);
        });
        int code = new CommandLine(new CpuBackendMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
