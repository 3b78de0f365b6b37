package dev.shunt.gateway.metrics;

import dev.shunt.gateway.cutover.Cutover;
import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.shadow.Snapshot;
import dev.shunt.gateway.shadow.Verdict;
import dev.shunt.gateway.pool.Pool;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's meters, resolved once per label combination and cached (never built per request).
 * Labels come from small closed sets: configured routes, pools and backends, latency classes, outcome
 * and reason words; a model name is a label only when a route serves it, capped at 64 names.
 */
public final class GatewayMetrics {

    private static final int MAX_MODELS = 64;
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
    private final java.util.Set<String> models = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong scrapes = new java.util.concurrent.atomic.AtomicLong();

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Exports in-flight, health and circuit breaker state of every backend. */
    public void bindPools(Collection<Pool> pools) {
        for (Pool pool : pools) {
            bindBackends(pool, pool.backends());
        }
    }

    /** The rows the service estimate gauges are exported for. */
    static final List<Long> ESTIMATE_ROWS = List.of(1L, 8L, 32L);

    /**
     * Exports a pool's learned latency, read from whatever pool has the name now ({@code live}), so a
     * reload that rebuilds the pool does not leave the gauge on the old one.
     */
    public void bindLatency(String pool, java.util.function.Supplier<java.util.Map<String, Pool>> live) {
        for (long rows : ESTIMATE_ROWS) {
            Gauge.builder(GatewayMetricNames.POOL_SERVICE_ESTIMATE, live, m -> {
                Pool p = m.get().get(pool);
                return p == null ? Double.NaN : p.latencyCurve().serviceNanos(rows) / 1e9;
            }).description(GatewayMetricNames.help(GatewayMetricNames.POOL_SERVICE_ESTIMATE)).tags("pool", pool, "rows", Long.toString(rows)).strongReference(true).register(registry);
        }
        Gauge.builder(GatewayMetricNames.POOL_QUEUE_ESTIMATE, live, m -> {
            Pool p = m.get().get(pool);
            return p == null ? Double.NaN : p.latencyCurve().queueNanos() / 1e9;
        }).description(GatewayMetricNames.help(GatewayMetricNames.POOL_QUEUE_ESTIMATE)).tags("pool", pool).strongReference(true).register(registry);
        Gauge.builder(GatewayMetricNames.POOL_DESIRED_REPLICAS, live, m -> {
            Pool p = m.get().get(pool);
            return p == null ? Double.NaN : p.desiredReplicas();
        }).description(GatewayMetricNames.help(GatewayMetricNames.POOL_DESIRED_REPLICAS)).tags("pool", pool).strongReference(true).register(registry);
        Gauge.builder(GatewayMetricNames.POOL_COST_PER_HOUR, live, m -> {
            Pool p = m.get().get(pool);
            return p == null ? Double.NaN : p.config().costPerHour();
        }).description(GatewayMetricNames.help(GatewayMetricNames.POOL_COST_PER_HOUR)).tags("pool", pool)
                .strongReference(true).register(registry);
        Gauge.builder(GatewayMetricNames.POOL_BUSY_BACKENDS, live, m -> {
            Pool p = m.get().get(pool);
            return p == null ? Double.NaN : p.busyBackends();
        }).description(GatewayMetricNames.help(GatewayMetricNames.POOL_BUSY_BACKENDS)).tags("pool", pool).strongReference(true).register(registry);
    }

    /**
     * Removes the per-backend meters of backends that left a pool (DNS discovery): their gauges would
     * read NaN forever, and churning addresses would grow the series without bound.
     */
    public void unbindGoneBackends(Pool pool) {
        java.util.Set<String> live = new java.util.HashSet<>();
        for (BackendState b : pool.backends()) {
            live.add(b.id());
        }
        java.util.Set<String> perBackend = java.util.Set.of(GatewayMetricNames.UPSTREAM_INFLIGHT,
                GatewayMetricNames.UPSTREAM_UP, GatewayMetricNames.BREAKER_STATE, GatewayMetricNames.UPSTREAM_DURATION);
        for (io.micrometer.core.instrument.Meter meter : registry.getMeters()) {
            io.micrometer.core.instrument.Meter.Id id = meter.getId();
            String backend = id.getTag("backend");
            if (perBackend.contains(id.getName()) && pool.name().equals(id.getTag("pool")) && backend != null
                    && !live.contains(backend)) {
                registry.remove(meter);
                timers.values().remove(meter);
            }
        }
    }

    /** Exports whether this replica ({@code replica}, its address) believes itself the leader. */
    public void bindReplica(String replica, java.util.function.BooleanSupplier leads,
            java.util.function.LongSupplier stateVersion) {
        Gauge.builder(GatewayMetricNames.REPLICA_LEADER, leads, l -> l.getAsBoolean() ? 1 : 0)
                .description(GatewayMetricNames.help(GatewayMetricNames.REPLICA_LEADER)).tags("replica", replica)
                .strongReference(true).register(registry);
        Gauge.builder(GatewayMetricNames.REPLICA_STATE_VERSION, stateVersion, v -> v.getAsLong())
                .description(GatewayMetricNames.help(GatewayMetricNames.REPLICA_STATE_VERSION)).tags("replica", replica)
                .strongReference(true).register(registry);
    }

    /** Exports backends that joined a pool (DNS discovery). */
    public void bindBackends(Pool pool, List<BackendState> backends) {
        {
            for (BackendState b : backends) {
                Gauge.builder(GatewayMetricNames.UPSTREAM_INFLIGHT, b, BackendState::inFlight)
                        .description(GatewayMetricNames.help(GatewayMetricNames.UPSTREAM_INFLIGHT)).tags("pool", pool.name(), "backend", b.id()).register(registry);
                Gauge.builder(GatewayMetricNames.UPSTREAM_UP, b, s -> s.healthy() ? 1 : 0)
                        .description(GatewayMetricNames.help(GatewayMetricNames.UPSTREAM_UP)).tags("pool", pool.name(), "backend", b.id()).register(registry);
                for (CircuitBreaker.State state : List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
                        CircuitBreaker.State.HALF_OPEN)) {
                    Gauge.builder(GatewayMetricNames.BREAKER_STATE, b, s -> s.breaker().getState() == state ? 1 : 0)
                            .description(GatewayMetricNames.help(GatewayMetricNames.BREAKER_STATE)).tags("pool", pool.name(), "backend", b.id(), "state", state.name().toLowerCase(java.util.Locale.ROOT))
                            .register(registry);
                }
            }
        }
    }

    /** The label for a model name: itself while fewer than 64 are known, else {@code other}. */
    public String modelLabel(String model) {
        if (models.contains(model) || (models.size() < MAX_MODELS && models.add(model))) {
            return model;
        }
        return "other";
    }

    public void request(String model, String latencyClass, String pool, dev.shunt.gateway.error.Outcome outcome,
            long nanos) {
        counter(GatewayMetricNames.REQUESTS, "model", model, "class", latencyClass, "pool", pool, "outcome", outcome.label())
                .increment();
        timer(GatewayMetricNames.REQUEST_DURATION, "model", model, "class", latencyClass, "pool", pool)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void upstream(String pool, String backend, long nanos) {
        timer(GatewayMetricNames.UPSTREAM_DURATION, "pool", pool, "backend", backend).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void decision(String route, String reason) {
        counter(GatewayMetricNames.ROUTE_DECISIONS, "route", route, "reason", reason).increment();
    }

    public void spillover(String from, String to) {
        counter(GatewayMetricNames.SPILLOVER, "from", from, "to", to).increment();
    }

    public void shed(String latencyClass, String reason) {
        counter(GatewayMetricNames.SHED, "class", latencyClass, "reason", reason).increment();
    }

    /** A client connection the listener closed because of a limit. */
    public void connectionClosed(dev.shunt.connection.CloseReason reason) {
        counter(GatewayMetricNames.CONNECTIONS_CLOSED, "reason", reason.label()).increment();
    }

    /** Exports the number of open client connections, read at each scrape. */
    public void bindConnections(java.util.function.IntSupplier open) {
        Gauge.builder(GatewayMetricNames.CONNECTIONS_OPEN, open, o -> o.getAsInt())
                .description(GatewayMetricNames.help(GatewayMetricNames.CONNECTIONS_OPEN)).strongReference(true)
                .register(registry);
    }

    public void retry(String pool) {
        counter(GatewayMetricNames.RETRIES, "pool", pool).increment();
    }

    public void goodput(String latencyClass) {
        counter(GatewayMetricNames.GOODPUT, "class", latencyClass).increment();
    }

    public void late(String latencyClass) {
        counter(GatewayMetricNames.LATE, "class", latencyClass).increment();
    }

    public void mirror(String route, String outcome) {
        counter(GatewayMetricNames.MIRROR_REQUESTS, "route", route, "outcome", outcome).increment();
    }

    /**
     * Exports a route's shadow figures (samples, adjusted agreement, p99 ratio, shadow error rate,
     * READY as 1), read from its current report at each scrape.
     */
    public void bindShadow(String route, Function<String, Optional<Snapshot>> allReports) {
        Function<String, Optional<Snapshot>> reports = new OncePerScrape(allReports);
        shadowGauge(GatewayMetricNames.SHADOW_SAMPLES, route, reports, s -> (double) s.samples());
        shadowGauge(GatewayMetricNames.SHADOW_AGREEMENT, route, reports, Snapshot::adjustedAgreement);
        shadowGauge(GatewayMetricNames.SHADOW_P99_RATIO, route, reports, Snapshot::p99Ratio);
        shadowGauge(GatewayMetricNames.SHADOW_ERROR_RATE, route, reports, Snapshot::shadowErrorRate);
        shadowGauge(GatewayMetricNames.SHADOW_READY, route, reports, s -> s.verdict() == Verdict.READY ? 1.0 : 0.0);
        shadowGauge(GatewayMetricNames.SHADOW_PRIMARY_ERROR_RATE, route, reports, Snapshot::primaryErrorRate);
    }

    /**
     * One primary-against-shadow comparison: its largest absolute output difference and both sides'
     * latencies go into histograms (combinable across gateway replicas, unlike precomputed quantiles).
     */
    public void shadowCompared(String route, dev.shunt.gateway.shadow.Comparison c) {
        io.micrometer.core.instrument.DistributionSummary.builder(GatewayMetricNames.SHADOW_ABSOLUTE_ERROR)
                .description(GatewayMetricNames.help(GatewayMetricNames.SHADOW_ABSOLUTE_ERROR)).tags("route", route)
                .serviceLevelObjectives(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10).register(registry)
                .record(c.maxAbsoluteError());
        if (c.primaryLatencyNanos() > 0) {
            timer(GatewayMetricNames.SHADOW_LATENCY, "route", route, "side", "primary")
                    .record(c.primaryLatencyNanos(), TimeUnit.NANOSECONDS);
        }
        if (c.shadowLatencyNanos() > 0) {
            timer(GatewayMetricNames.SHADOW_LATENCY, "route", route, "side", "shadow")
                    .record(c.shadowLatencyNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Exports the share of a route's traffic that a cutover sends to its candidate, 0..1. */
    public void bindCutover(String route, Function<String, Optional<Cutover>> cutovers) {
        Gauge.builder(GatewayMetricNames.CUTOVER_WEIGHT, cutovers,
                        c -> c.apply(route).map(w -> w.weightPercent() / 100).orElse(0.0))
                .description(GatewayMetricNames.help(GatewayMetricNames.CUTOVER_WEIGHT)).tags("route", route).strongReference(true).register(registry);
    }

    private void shadowGauge(String name, String route, Function<String, Optional<Snapshot>> reports,
            java.util.function.ToDoubleFunction<Snapshot> figure, String... tags) {
        // the function is the gauge's only holder: a weak reference (Micrometer's default) would lose it
        Gauge.builder(name, reports, r -> r.apply(route).map(figure::applyAsDouble).orElse(Double.NaN))
                .description(GatewayMetricNames.help(name)).tags("route", route).tags(tags).strongReference(true).register(registry);
    }

    /** The registry, shared with Vert.x's own metrics ({@code vertx_*}) when the gateway is started from its main. */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        scrapes.incrementAndGet();
        return registry.scrape();
    }

    private Counter counter(String name, String... tags) {
        MeterKey key = new MeterKey(name, tags);
        Counter found = counters.get(key);
        return found != null ? found : counters.computeIfAbsent(key, k -> Counter.builder(name).description(GatewayMetricNames.help(name)).tags(tags).register(registry));
    }

    private Timer timer(String name, String... tags) {
        MeterKey key = new MeterKey(name, tags);
        Timer found = timers.get(key);
        return found != null ? found : timers.computeIfAbsent(key, k -> Timer.builder(name).description(GatewayMetricNames.help(name)).tags(tags)
                .serviceLevelObjectives(BUCKETS).register(registry));
    }

    /** A meter's name and tags; hashing reuses the strings' cached hashes, nothing is concatenated. */
    private record MeterKey(String name, String[] tags) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MeterKey k && name.equals(k.name) && java.util.Arrays.equals(tags, k.tags);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + java.util.Arrays.hashCode(tags);
        }
    }

    /**
     * A route's report, taken once per scrape: its thirteen gauges read the same snapshot instead of
     * each merging every bucket of the window again.
     */
    private final class OncePerScrape implements Function<String, Optional<Snapshot>> {
        private final Function<String, Optional<Snapshot>> reports;
        private long takenAt = -1;
        private Optional<Snapshot> taken;

        OncePerScrape(Function<String, Optional<Snapshot>> reports) {
            this.reports = reports;
        }

        @Override
        public synchronized Optional<Snapshot> apply(String route) {
            long scrape = scrapes.get();
            if (scrape != takenAt) {
                taken = reports.apply(route);
                takenAt = scrape;
            }
            return taken;
        }
    }
}
