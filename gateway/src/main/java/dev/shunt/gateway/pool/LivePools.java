package dev.shunt.gateway.pool;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.PoolConfig;
import dev.shunt.gateway.forward.Forwarder;
import dev.shunt.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's live pools with what keeps them current: a health checker per pool and, for pools
 * found by DNS, a discoverer. A reload {@link #apply}s the new pool settings: pools whose settings did
 * not change keep their live state (health, breakers, in-flight, retry budget); changed or new pools
 * start afresh with their own checks; removed pools stop theirs.
 */
public final class LivePools implements AutoCloseable {

    private final Vertx vertx;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final HttpClient healthClient;
    private final Forwarder healthForwarder;
    private final AtomicReference<Map<String, Pool>> pools = new AtomicReference<>(Map.of());
    private final Map<String, HealthChecker> checkers = new ConcurrentHashMap<>();
    private final Map<String, DnsDiscoverer> discoverers = new ConcurrentHashMap<>();

    public LivePools(Vertx vertx, Map<String, PoolConfig> configs, Clock clock, GatewayMetrics metrics) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.clock = requireNonNull(clock, "clock");
        this.metrics = requireNonNull(metrics, "metrics");
        this.healthClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        this.healthForwarder = new Forwarder(healthClient);
        Map<String, Pool> live = new LinkedHashMap<>();
        configs.forEach((name, config) -> live.put(name, new Pool(config, clock, null)));
        pools.set(Map.copyOf(live));
        metrics.bindPools(live.values());
        live.keySet().forEach(name -> metrics.bindLatency(name, this::get));
    }

    /** The pools now, by name (a snapshot: a reload replaces the map, never edits it). */
    public Map<String, Pool> get() {
        return pools.get();
    }

    /** Starts health checks and discovery of every pool. */
    public void start() {
        pools.get().values().forEach(this::startChecks);
    }

    /** Takes the pool settings of a new config. Call on one thread at a time (reloads are serialized). */
    public void apply(Map<String, PoolConfig> configs) {
        Map<String, Pool> current = pools.get();
        Map<String, Pool> next = new LinkedHashMap<>();
        List<Pool> fresh = new ArrayList<>();
        configs.forEach((name, config) -> {
            Pool old = current.get(name);
            if (old != null && old.config().equals(config)) {
                next.put(name, old);
            } else {
                Pool pool = new Pool(config, clock, old);
                next.put(name, pool);
                fresh.add(pool);
                if (old == null) {
                    metrics.bindLatency(name, this::get);
                }
            }
        });
        for (String name : current.keySet()) {
            if (!next.containsKey(name)) {
                stopChecks(name);
            }
        }
        metrics.bindPools(fresh);
        fresh.forEach(this::startChecks);
        pools.set(Map.copyOf(next));
    }

    /** Whether every backend of every pool has had its first health check answered (or is not checked). */
    public boolean allChecked() {
        for (Pool pool : pools.get().values()) {
            for (BackendState backend : pool.backends()) {
                if (!backend.checked()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether one of the named pools has a backend that is healthy with its circuit closed. */
    public boolean servingAny(java.util.Collection<String> names) {
        Map<String, Pool> live = pools.get();
        for (String name : names) {
            Pool pool = live.get(name);
            if (pool != null && pool.snapshot().hasHealthyBackend()) {
                return true;
            }
        }
        return false;
    }

    /** Whether every named pool has a backend that is healthy with its circuit closed. */
    public boolean serving(Set<String> names) {
        Map<String, Pool> live = pools.get();
        for (String name : names) {
            Pool pool = live.get(name);
            if (pool == null || !pool.snapshot().hasHealthyBackend()) {
                return false;
            }
        }
        return true;
    }

    private void startChecks(Pool pool) {
        HealthChecker checker = new HealthChecker(vertx, healthForwarder, pool);
        closeQuietly(checkers.put(pool.name(), checker));
        pool.config().dns().ifPresent(dns -> {
            // a backend found by DNS is checked at once, not one interval later
            DnsDiscoverer discoverer = new DnsDiscoverer(vertx, pool, dns, added -> {
                metrics.unbindGoneBackends(pool);
                metrics.bindBackends(pool, added);
                checker.check(added);
            });
            closeQuietly(discoverers.put(pool.name(), discoverer));
            discoverer.start();
        });
        checker.start();
    }

    private void stopChecks(String name) {
        closeQuietly(checkers.remove(name));
        closeQuietly(discoverers.remove(name));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // stopping timers does not fail
        }
    }

    @Override
    public void close() {
        pools.get().keySet().forEach(this::stopChecks);
        healthClient.close();
    }
}
