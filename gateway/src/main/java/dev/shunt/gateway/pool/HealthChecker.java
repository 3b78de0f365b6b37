package dev.shunt.gateway.pool;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.HealthCheckConfig;
import dev.shunt.gateway.forward.Forwarder;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active health checks: {@code GET path} on each backend of a pool (200 passes, anything else or no
 * answer within the timeout fails), a first round as soon as it starts, then one every interval. A
 * backend is admitted once a check passed (see {@link Health}). At most one check per backend is in
 * flight. A check reaches the backend the way a request does ({@link Pool#target}: the pool's
 * {@code host} and TLS), so a backend whose certificate is not trusted is never admitted.
 */
public final class HealthChecker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final Vertx vertx;
    private final Forwarder forwarder;
    private final Pool pool;
    private final HealthCheckConfig config;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private long timer = -1;

    /** Checks {@code pool}'s backends with its {@code healthCheck} settings. */
    public HealthChecker(Vertx vertx, Forwarder forwarder, Pool pool) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.forwarder = requireNonNull(forwarder, "forwarder");
        this.pool = requireNonNull(pool, "pool");
        this.config = pool.config().healthCheck();
    }

    /** Checks every backend now, then every interval. */
    public void start() {
        if (!config.enabled()) {
            return;
        }
        check(pool.backends());
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> check(pool.backends()));
    }

    /**
     * Checks these backends now, outside the rounds: for backends just found (DNS), which are not
     * admitted until a check passed and would otherwise wait for the next round.
     */
    public void check(List<BackendState> some) {
        if (closed || !config.enabled()) {
            return;
        }
        for (BackendState backend : some) {
            if (inFlight.add(backend.id())) {
                checkOne(backend);
            }
        }
    }

    private void checkOne(BackendState backend) {
        long timeoutMs = Math.max(1, config.timeout().toMillis());
        forwarder.forward(pool.target(backend), HttpMethod.GET, config.path(), MultiMap.caseInsensitiveMultiMap(),
                        Buffer.buffer(), timeoutMs, timeoutMs)
                .onComplete(ar -> {
                    inFlight.remove(backend.id());
                    boolean passed = ar.succeeded() && ar.result().status() == 200;
                    if (!backend.recordHealthCheck(passed)) {
                        return;
                    }
                    if (passed) {
                        log.info("backend {} of pool {} is healthy", backend.id(), backend.pool());
                    } else {
                        log.warn("backend {} of pool {} is unhealthy: {}", backend.id(), backend.pool(),
                                ar.succeeded() ? "status " + ar.result().status() : ar.cause().getMessage());
                    }
                });
    }

    @Override
    public void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
