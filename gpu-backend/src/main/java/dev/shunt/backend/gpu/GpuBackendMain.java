package dev.shunt.backend.gpu;

import ai.djl.Device;
import dev.shunt.backend.launch.BackendBootstrap;
import dev.shunt.backend.launch.CommonFlags;
import dev.shunt.backend.launch.DjlRuntime;
import dev.shunt.backend.launch.DurationConverter;
import dev.shunt.backend.launch.ThreadSettings;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.vocabulary.LogFormat;
import io.micrometer.core.instrument.DistributionSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar shunt-gpu-backend.jar}: the throughput-first, dynamically batching model server. */
@Command(name = "shunt-gpu-backend", mixinStandardHelpOptions = true, version = "shunt-gpu-backend 0.1.0",
        sortOptions = false,
        description = "Throughput-first Open Inference Protocol (KServe v2) model server: DJL/PyTorch on the GPU "
                + "when PyTorch sees one (else the CPU, with a loud warning), and a Triton-style dynamic batcher: "
                + "requests are queued by latency class (realtime first) and joined into batches of up to "
                + "--max-batch-size rows, waiting at most --max-queue-delay for a batch to fill.")
public final class GpuBackendMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(GpuBackendMain.class);

    @Option(names = "--port", defaultValue = "8002", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-batch-size", defaultValue = "32",
            description = "Most rows in one batch; 1 turns batching off. A request with more rows runs alone "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxBatchSize;

    @Option(names = "--max-queue-delay", defaultValue = "5ms", converter = DurationConverter.class,
            description = "Longest the oldest queued request waits for its batch to fill, e.g. 500us, 5ms "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration maxQueueDelay;

    @Option(names = "--preferred-batch-sizes", split = ",", paramLabel = "N[,N...]",
            description = "Batch sizes to dispatch at once when the queue can form one exactly, e.g. 8,16.")
    List<Integer> preferredBatchSizes = new ArrayList<>();

    @Option(names = "--queue-timeout", defaultValue = "0ms", converter = DurationConverter.class,
            description = "Default deadline for requests that carry none (X-Request-Timeout-Ms or the v2 "
                    + "timeout parameter): past it they are answered 504 without running; 0 = none "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration queueTimeout;

    @Option(names = "--instances", defaultValue = "1",
            description = "Model instances running batches at once; 2 overlaps host work with GPU compute "
                    + "(default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads (CPU work; default: available processors). "
                    + "-Dai.djl.pytorch.num_threads=N, when given, wins.")
    Integer threads;

    @Mixin
    CommonFlags flags;

    @Override
    public Integer call() {
        BatchingConfig batching;
        ThreadSettings engineThreads;
        int intraOp = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try {
            batching = new BatchingConfig(maxBatchSize, maxQueueDelay, List.copyOf(preferredBatchSizes),
                    flags.queueCapacity(), queueTimeout);
            if (instances < 1) {
                throw new IllegalArgumentException("--instances: " + instances + " (expected: > 0)");
            }
            if (intraOp < 1) {
                throw new IllegalArgumentException("--threads: " + intraOp + " (expected: > 0)");
            }
            engineThreads = DjlRuntime.configure(intraOp, 1);
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            return 2;
        }
        log.info("PyTorch threads: intra-op {}, inter-op {}", engineThreads.intraOp(), engineThreads.interOp());
        Device device = DjlRuntime.bestDevice();
        log.info("batching: max {} rows, max queue delay {} us, preferred sizes {}, {} instance(s), queue {} requests",
                batching.maxBatchSize(), batching.maxQueueDelay().toNanos() / 1000, batching.preferredBatchSizes(),
                instances, batching.queueCapacity());
        BatchSizeRecorder recorder = new BatchSizeRecorder();
        return new BackendBootstrap("gpu", flags, port).start(device,
                model -> new DynamicBatcher(model, batching, instances, Ticker.system(), recorder),
                (metrics, scheduler) -> recorder.bind(metrics.batchSizeSummary(batching.maxBatchSize())));
    }

    /** Feeds executed batch sizes into the histogram once the metrics exist. */
    private static final class BatchSizeRecorder implements BatchListener {
        private volatile DistributionSummary summary;

        void bind(DistributionSummary summary) {
            this.summary = summary;
        }

        @Override
        public void onBatch(int rows, int jobs, long computeNanos) {
            DistributionSummary s = summary;
            if (s != null) {
                s.record(rows);
            }
        }
    }

    /** Parses the flags and starts the server; exits non-zero when start-up fails. */
    public static void main(String[] args) {
        LogFormat.problem(System.getenv(LogFormat.ENV)).ifPresent(problem -> {
            System.err.println(problem);
            System.exit(2);
        });
        int code = new CommandLine(new GpuBackendMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
