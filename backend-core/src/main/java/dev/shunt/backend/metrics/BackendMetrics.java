package dev.shunt.backend.metrics;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.vocabulary.LatencyClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A model server's meters, resolved once and reused on the hot path; scraped at {@code /metrics}.
 * Labels come from small closed sets only (model, outcome, latency class, device).
 */
public final class BackendMetrics {

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private final PrometheusMeterRegistry registry;
    private final String model;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Timer requestDuration;
    private final Map<LatencyClass, Timer> queueWait = new EnumMap<>(LatencyClass.class);
    private final Map<LatencyClass, Counter> expired = new EnumMap<>(LatencyClass.class);
    private final Timer compute;

    /** Meters for a server of {@code kind} ("cpu", "gpu") serving {@code model} on {@code device}. */
    public BackendMetrics(String kind, String model, String device) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.model = requireNonNull(model, "model");
        requireNonNull(kind, "kind");
        requireNonNull(device, "device");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // a Prometheus info metric, not a gauge: Micrometer's naming would strip a gauge's _info suffix
        io.prometheus.metrics.core.metrics.Info.builder().name(BackendMetricNames.MODEL_INFO)
                .help("The model served, its device and the server kind").labelNames("model", "device", "kind")
                .register(registry.getPrometheusRegistry()).addLabelValues(model, device, kind);
        requestDuration = latencyTimer(BackendMetricNames.REQUEST_DURATION, "Time from request body to response")
                .tag("model", model).register(registry);
        compute = latencyTimer(BackendMetricNames.COMPUTE, "Compute time of the batch a request ran in")
                .tag("model", model).register(registry);
        for (LatencyClass c : LatencyClass.values()) {
            queueWait.put(c, latencyTimer(BackendMetricNames.QUEUE_WAIT, "Time a request waited before compute")
                    .tags("model", model, "class", c.wireName()).register(registry));
            expired.put(c, Counter.builder(BackendMetricNames.EXPIRED)
                    .description("Requests whose deadline passed in the queue (answered 504, not run)")
                    .tags("model", model, "class", c.wireName()).register(registry));
        }
    }

    private static Timer.Builder latencyTimer(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS)
                .minimumExpectedValue(Duration.ofNanos(250_000)).maximumExpectedValue(Duration.ofSeconds(10));
    }

    /** Exports the scheduler's queue depth, capacity and running jobs, and readiness. */
    public void bindScheduler(InferenceScheduler scheduler, BooleanSupplier ready) {
        Gauge.builder(BackendMetricNames.QUEUE_DEPTH, scheduler, InferenceScheduler::queueDepth)
                .description("Requests waiting to run").register(registry);
        Gauge.builder(BackendMetricNames.QUEUE_CAPACITY, scheduler, InferenceScheduler::queueCapacity)
                .description("The most requests that may wait").register(registry);
        Gauge.builder(BackendMetricNames.RUNNING, scheduler, InferenceScheduler::running)
                .description("Requests running now").register(registry);
        Gauge.builder(BackendMetricNames.READY, () -> ready.getAsBoolean() ? 1 : 0)
                .description("1 when the server is ready").register(registry);
    }

    /** Counts a finished request. */
    /** A client connection the listener closed because of a limit. */
    public void connectionClosed(dev.shunt.connection.CloseReason reason) {
        Counter.builder(BackendMetricNames.CONNECTIONS_CLOSED)
                .description("Client connections the listener closed because of a limit, by reason")
                .tag("reason", reason.label()).register(registry).increment();
    }

    /** Exports the number of open client connections, read at each scrape. */
    public void bindConnections(java.util.function.IntSupplier open) {
        Gauge.builder(BackendMetricNames.CONNECTIONS_OPEN, open, o -> o.getAsInt())
                .description("Client connections open on the listener").strongReference(true).register(registry);
    }

    public void recordRequest(String outcome, long durationNanos) {
        requests.computeIfAbsent(outcome, o -> Counter.builder(BackendMetricNames.REQUESTS)
                .description("Inference requests answered, by outcome")
                .tags("model", model, "outcome", o).register(registry)).increment();
        requestDuration.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** Records where a successful request's time went. */
    public void recordTimings(LatencyClass latencyClass, long queueNanos, long computeNanos) {
        queueWait.get(latencyClass).record(queueNanos, TimeUnit.NANOSECONDS);
        compute.record(computeNanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a request whose deadline passed in the queue. */
    public void recordExpired(LatencyClass latencyClass) {
        expired.get(latencyClass).increment();
    }

    /** A histogram of rows per executed batch, buckets at powers of two up to {@code maxBatchSize}. */
    public DistributionSummary batchSizeSummary(int maxBatchSize) {
        int buckets = 32 - Integer.numberOfLeadingZeros(Math.max(1, maxBatchSize));
        double[] slos = new double[buckets + 1];
        for (int i = 0; i < buckets; i++) {
            slos[i] = 1 << i;
        }
        slos[buckets] = maxBatchSize;
        return DistributionSummary.builder(BackendMetricNames.BATCH_SIZE)
                .description("Rows per executed batch").serviceLevelObjectives(slos).register(registry);
    }

    /** The registry, for meters a server kind adds (sizing gauges, batch sizes). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
