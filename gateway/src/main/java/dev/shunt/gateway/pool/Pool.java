package dev.shunt.gateway.pool;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.BackendAddress;
import dev.shunt.gateway.config.DnsDiscovery;
import dev.shunt.gateway.config.DnsLookupType;
import dev.shunt.gateway.config.LatencyModelConfig;
import dev.shunt.gateway.config.PoolConfig;
import dev.shunt.gateway.config.TlsConfig;
import dev.shunt.gateway.forward.UpstreamTarget;
import dev.shunt.gateway.forward.UpstreamTlsOptions;
import dev.shunt.routing.BackendSnapshot;
import dev.shunt.routing.PoolSnapshot;
import dev.shunt.routing.latency.CurveLearner;
import dev.shunt.routing.latency.ServiceCurve;
import dev.shunt.routing.latency.WorkRate;
import dev.shunt.routing.balance.LoadBalancer;
import io.vertx.core.net.ClientSSLOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool's live backends and its balancer; {@link #snapshot()} gives the read-only view policies see,
 * {@link #target} how to reach a backend (its {@code Host}, its TLS).
 */
public final class Pool {

    private static final Logger log = LoggerFactory.getLogger(Pool.class);

    /** Retries a pool may spend at once before its budget must refill. */
    private static final double RETRY_BURST = 10;
    /** The time constant over which the recent traffic is weighed for the replicas a pool needs. */
    private static final long WORK_WINDOW_NANOS = 60_000_000_000L;
    /** How many answers the configured latency prior is worth, and the second size it is entered at. */
    private static final double PRIOR_WEIGHT = 4;
    private static final long PRIOR_ROWS = 32;

    private final PoolConfig config;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicReference<List<BackendState>> backends;
    private final LoadBalancer balancer;
    private final RetryBudget retryBudget;
    /** Built once: Vert.x keeps a connection pool per distinct options. Null for plain HTTP. */
    private final ClientSSLOptions sslOptions;
    private final Optional<String> serverName;
    private final CurveLearner latency;
    private final Slowdown slowdown;
    private final WorkRate work;

    /** A pool whose latency is learned from its prior. */
    public Pool(PoolConfig config, Clock clock) {
        this(config, clock, null);
    }

    /**
     * @param previous the pool this one replaces on a reload, or null: what it learned of the latency is
     *     kept when the latency settings did not change
     */
    public Pool(PoolConfig config, Clock clock, Pool previous) {
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.backends = new java.util.concurrent.atomic.AtomicReference<>(
                config.backends().stream().map(this::newBackend).toList());
        this.retryBudget = new RetryBudget(config.retryBudgetPercent(), RETRY_BURST);
        LatencyModelConfig lm = config.latency();
        this.latency = previous != null && previous.config.latency().equals(lm) ? previous.latency : new CurveLearner(ServiceCurve.prior(lm.priorFixed().toNanos(), lm.priorPerRow().toNanos()),
                PRIOR_WEIGHT, PRIOR_ROWS, lm.decay(), lm.relax(), System.nanoTime());
        this.slowdown = previous != null && previous.config.latency().equals(lm) ? previous.slowdown
                : new Slowdown(lm.decay());
        this.work = previous != null ? previous.work : new WorkRate(WORK_WINDOW_NANOS, System.nanoTime());
        this.balancer = switch (config.balancer()) {
            case P2C -> LoadBalancer.ofPowerOfTwoChoices(new SplittableRandom());
            case ROUND_ROBIN -> LoadBalancer.ofRoundRobin();
            case WEIGHTED -> LoadBalancer.ofWeighted(new SplittableRandom());
        };
        TlsConfig tls = config.tls().orElse(null);
        this.sslOptions = tls == null ? null : UpstreamTlsOptions.of(tls);
        // a backend found by A/AAAA records is an address: its certificate names the looked-up name
        this.serverName = tls == null ? Optional.empty() : tls.serverName().or(() -> config.dns()
                .filter(d -> d.type() == DnsLookupType.A).map(DnsDiscovery::name)
                .map(name -> name.endsWith(".") ? name.substring(0, name.length() - 1) : name));
        if (tls != null && !tls.verify()) {
            log.warn("pool {}: tls.verify is false: its backends' certificates are not checked (any certificate is"
                    + " trusted, no name is checked)", config.name());
        }
    }

    /** How to reach one of this pool's backends: its address, the pool's {@code host} and TLS. */
    public UpstreamTarget target(BackendState backend) {
        BackendAddress address = backend.address();
        Optional<UpstreamTarget.Tls> tls = sslOptions == null ? Optional.empty()
                : Optional.of(new UpstreamTarget.Tls(sslOptions, serverName.orElse(address.host())));
        return new UpstreamTarget(address.host(), address.port(), config.host(), tls);
    }

    public String name() {
        return config.name();
    }

    public PoolConfig config() {
        return config;
    }

    /** The budget retries into this pool spend. */
    public RetryBudget retryBudget() {
        return retryBudget;
    }

    public List<BackendState> backends() {
        return backends.get();
    }

    /**
     * Replaces the backend set (DNS discovery): backends that stay keep their live state (health,
     * breaker, in-flight, latency) and take the new weight; returns the ones that are new.
     */
    public List<BackendState> updateAddresses(List<BackendAddress> addresses) {
        Map<String, BackendState> current = new HashMap<>();
        for (BackendState b : backends.get()) {
            current.put(b.id(), b);
        }
        Map<String, BackendState> next = new LinkedHashMap<>();
        List<BackendState> added = new ArrayList<>();
        for (BackendAddress address : addresses) {
            if (next.containsKey(address.id())) {
                continue; // listed twice: the first one counts
            }
            BackendState kept = current.get(address.id());
            if (kept == null) {
                kept = newBackend(address);
                added.add(kept);
            } else if (!kept.address().equals(address)) {
                kept.reweigh(address);
            }
            next.put(address.id(), kept);
        }
        backends.set(List.copyOf(next.values()));
        return added;
    }

    private BackendState newBackend(BackendAddress address) {
        return new BackendState(config.name(), address, config.maxInFlightPerBackend(), config.breaker(),
                config.healthCheck(), clock);
    }

    /** The view routing policies and balancers decide on, with the latency learned so far. */
    public PoolSnapshot snapshot() {
        List<BackendState> current = backends.get();
        List<BackendSnapshot> views = new java.util.ArrayList<>(current.size());
        for (BackendState b : current) {
            views.add(snapshot(b));
        }
        return new PoolSnapshot(config.name(), views, Optional.of(latency.curve(System.nanoTime())), slowdown.value());
    }

    /**
     * What the curve foretells now for a request of {@code rows} rows sent to a backend that already has
     * {@code ahead} requests in flight: give it back with the request's real upstream time to
     * {@link #observeSlowdown}.
     */
    public double foretellNanos(long rows, int ahead) {
        return latency.curve(System.nanoTime()).completionNanos(rows, ahead, config.latency().concurrency());
    }

    /** One upstream call took {@code actualNanos} where {@link #foretellNanos} said {@code foretoldNanos}. */
    public void observeSlowdown(double actualNanos, double foretoldNanos) {
        slowdown.observe(actualNanos, foretoldNanos);
    }

    /**
     * Learns from one answer of this pool's backends.
     *
     * @param rows the rows the backend's compute covered ({@code X-Batch-Size}, or the request's own)
     * @param serviceNanos its compute time ({@code X-Compute-Ms}), or the whole upstream time
     * @param queueNanos the backend's wait before compute ({@code X-Queue-Ms}), 0 when it does not say
     */
    public void observeLatency(long rows, double serviceNanos, double queueNanos) {
        latency.observe(System.nanoTime(), rows, serviceNanos, queueNanos);
    }

    /** A request of {@code rows} rows was routed here: the backend time it will take up counts as demand. */
    public void routed(long rows) {
        long now = System.nanoTime();
        LatencyModelConfig lm = config.latency();
        work.add(now, latency.curve(now).backendNanos(rows, lm.concurrency(), lm.batching()));
    }

    /** Backends kept busy by the traffic of about the last minute. */
    public double busyBackends() {
        return work.busyBackends(System.nanoTime());
    }

    /** The backends this pool needs for the traffic of about the last minute at its {@code targetUtilization}; 0 when idle. */
    public int desiredReplicas() {
        return work.replicas(System.nanoTime(), config.targetUtilization(), 0);
    }

    /** The latency learned so far. */
    public ServiceCurve latencyCurve() {
        return latency.curve(System.nanoTime());
    }

    private static BackendSnapshot snapshot(BackendState b) {
        return new BackendSnapshot(b.id(), b.healthy(), b.circuitOpen(), b.inFlight(), b.maxInFlight(),
                b.recentLatency(), b.address().weight());
    }

    /** A backend to try, none of {@code tried}; empty when none is available. */
    public Optional<BackendState> pick(Set<String> tried) {
        return pick(snapshot(), tried);
    }

    /** Like {@link #pick(Set)} on a snapshot the caller already took (one snapshot per decision). */
    public Optional<BackendState> pick(PoolSnapshot snapshot, Set<String> tried) {
        return balancer.pick(snapshot, tried)
                .flatMap(chosen -> {
                    for (BackendState b : backends.get()) {
                        if (b.id().equals(chosen.id())) {
                            return Optional.of(b);
                        }
                    }
                    return Optional.empty();
                });
    }

    /**
     * The one way a request of any kind gets a backend: the balancer's pick among the backends not in
     * {@code tried}, with its bulkhead slot and breaker permit taken (give them back with
     * {@link BackendState#release()} or end the call with {@code onSuccess}/{@code onFailure}).
     * Backends that refuse are added to {@code tried}.
     *
     * @return the backend, or null when none can take a request now
     */
    public BackendState acquire(Set<String> tried) {
        int candidates = backends.get().size();
        for (int i = 0; i < candidates; i++) {
            BackendState candidate = pick(tried).orElse(null);
            if (candidate == null) {
                return null;
            }
            if (candidate.tryAcquire()) {
                return candidate;
            }
            tried.add(candidate.id());
        }
        return null;
    }
}
