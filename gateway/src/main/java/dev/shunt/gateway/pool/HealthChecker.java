package dev.shunt.gateway.pool;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.HealthCheckConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active health checks: {@code GET path} on each backend of a pool (200 passes, anything else or no
 * answer within the timeout fails), a first round as soon as it starts, then one every interval. A
 * backend is admitted once a check passed (see {@link Health}). At most one check per backend is in
 * flight.
 */
public final class HealthChecker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final Vertx vertx;
    private final WebClient client;
    private final HealthCheckConfig config;
    private final Supplier<List<BackendState>> backends;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private long timer = -1;

    public HealthChecker(Vertx vertx, WebClient client, HealthCheckConfig config, Supplier<List<BackendState>> backends) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.client = requireNonNull(client, "client");
        this.config = requireNonNull(config, "config");
        this.backends = requireNonNull(backends, "backends");
    }

    /** Checks every backend now, then every interval. */
    public void start() {
        if (!config.enabled()) {
            return;
        }
        check(backends.get());
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> check(backends.get()));
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
        client.request(HttpMethod.GET, backend.address().port(), backend.address().host(), config.path())
                .timeout(config.timeout().toMillis())
                .send()
                .onComplete(ar -> {
                    inFlight.remove(backend.id());
                    boolean passed = ar.succeeded() && ar.result().statusCode() == 200;
                    if (!backend.recordHealthCheck(passed)) {
                        return;
                    }
                    if (passed) {
                        log.info("backend {} of pool {} is healthy", backend.id(), backend.pool());
                    } else {
                        log.warn("backend {} of pool {} is unhealthy: {}", backend.id(), backend.pool(),
                                ar.succeeded() ? "status " + ar.result().statusCode() : ar.cause().getMessage());
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
