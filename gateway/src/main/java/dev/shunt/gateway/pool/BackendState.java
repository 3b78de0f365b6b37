package dev.shunt.gateway.pool;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.BackendAddress;
import dev.shunt.gateway.config.BreakerConfig;
import dev.shunt.gateway.config.HealthCheckConfig;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Everything the gateway knows about one backend: its address, health (active checks with
 * rise/fall), circuit breaker and bulkhead (Resilience4j), and recent latency. Thread-safe.
 */
public final class BackendState {

    private final String pool;
    private volatile BackendAddress address;
    private final String id;
    private final String publicId;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final HealthState health;
    private final LatencyEwma latency = new LatencyEwma();
    private final Clock clock;
    private final Duration openFor;
    private volatile java.time.Instant openedAt = java.time.Instant.MIN;

    public BackendState(String pool, BackendAddress address, int maxInFlight, BreakerConfig breakerConfig,
            HealthCheckConfig healthCheck, Clock clock) {
        this.pool = requireNonNull(pool, "pool");
        this.address = requireNonNull(address, "address");
        this.id = address.id();
        this.publicId = BackendIds.opaque(pool, id);
        this.breaker = CircuitBreaker.of(pool + "/" + address.id(), CircuitBreakerConfig.custom()
                .failureRateThreshold((float) breakerConfig.failureRatePercent())
                .slidingWindow(breakerConfig.slidingWindow(), breakerConfig.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(breakerConfig.openFor())
                .permittedNumberOfCallsInHalfOpenState(breakerConfig.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(requireNonNull(clock, "clock"))
                .build());
        this.clock = clock;
        this.openFor = breakerConfig.openFor();
        this.bulkhead = Bulkhead.of(pool + "/" + address.id(), BulkheadConfig.custom()
                .maxConcurrentCalls(maxInFlight).maxWaitDuration(Duration.ZERO).build());
        // unknown, so not admitted, until a check passes: the checker's first round runs at start
        this.health = new HealthState(healthCheck.rise(), healthCheck.fall(),
                healthCheck.enabled() ? Health.UNKNOWN : Health.HEALTHY);
    }

    private volatile boolean checked;

    public String pool() {
        return pool;
    }

    public BackendAddress address() {
        return address;
    }

    /** Takes a new weight for the same host and port (DNS SRV records can change it); the rest stays. */
    void reweigh(BackendAddress next) {
        if (!next.id().equals(id)) {
            throw new IllegalArgumentException("address: " + next.id() + " (expected: " + id + ")");
        }
        address = next;
    }

    /** {@code host:port}: the backend's id in metrics, logs, traces and the admin API. */
    public String id() {
        return id;
    }

    /**
     * What clients are told of the backend ({@code X-Shunt-Backend}, error bodies): the pool's name and
     * an opaque id that is the same on every replica and after restarts, never its address
     * (see {@link BackendIds}).
     */
    public String publicId() {
        return publicId;
    }

    /** {@link #id()} when {@code exposeAddress} ({@code debug.exposeBackendAddresses}), else {@link #publicId()}. */
    public String clientLabel(boolean exposeAddress) {
        return exposeAddress ? id : publicId;
    }

    /** The Resilience4j breaker (exported as metrics). */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** The Resilience4j bulkhead (exported as metrics). */
    public Bulkhead bulkhead() {
        return bulkhead;
    }

    /**
     * Takes a bulkhead slot and a breaker permission, or neither.
     *
     * @return false when the backend is full or its circuit is open
     */
    public boolean tryAcquire() {
        if (!bulkhead.tryAcquirePermission()) {
            return false;
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            return false;
        }
        return true;
    }

    /** Ends a call that got an answer the model produced (any status but 5xx from the backend itself). */
    public void onSuccess(long nanos) {
        latency.record(nanos);
        CircuitBreaker.State before = breaker.getState();
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        noteOpening(before);
        bulkhead.onComplete();
    }

    /** Ends a call that failed (unreachable, reset, timeout, 5xx). */
    public void onFailure(long nanos, Throwable failure) {
        CircuitBreaker.State before = breaker.getState();
        breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        noteOpening(before);
        bulkhead.onComplete();
    }

    /**
     * Remembers when the circuit opened, and forgets the latency measured before: it says nothing of
     * the backend after its open time, and a stale high figure would make the balancer pass it over
     * for ever (ties on in-flight go to the lower latency), so it never got the probe that closes the
     * circuit again. Read from the state around each call rather than from the breaker's event
     * stream: a subscriber there makes it build an event object for every call.
     */
    private void noteOpening(CircuitBreaker.State before) {
        if (before != CircuitBreaker.State.OPEN && breaker.getState() == CircuitBreaker.State.OPEN) {
            openedAt = clock.instant();
            latency.reset();
        }
    }

    /** Gives the permits back for a call that was never sent; records nothing. */
    public void release() {
        breaker.releasePermission();
        bulkhead.onComplete();
    }

    /** Records an active health check; returns true when health changed. */
    public boolean recordHealthCheck(boolean passed) {
        checked = true;
        return health.record(passed);
    }

    /** Whether a health check has answered yet (or nobody checks it): its health is then known, good or bad. */
    public boolean checked() {
        return checked || health.health() == Health.HEALTHY;
    }

    /** Whether health checks admit it: only once a check passed (see {@link Health}). */
    public boolean healthy() {
        return health.healthy();
    }

    /** What the health checks say of it now. */
    public Health health() {
        return health.health();
    }

    /**
     * Whether the circuit refuses calls now: open and still within its open time. Once that has
     * passed, the next call is let through as a half-open probe.
     */
    public boolean circuitOpen() {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.FORCED_OPEN) {
            return true;
        }
        return state == CircuitBreaker.State.OPEN && clock.instant().isBefore(openedAt.plus(openFor));
    }

    public int inFlight() {
        Bulkhead.Metrics m = bulkhead.getMetrics();
        return m.getMaxAllowedConcurrentCalls() - m.getAvailableConcurrentCalls();
    }

    public int maxInFlight() {
        return bulkhead.getMetrics().getMaxAllowedConcurrentCalls();
    }

    public Duration recentLatency() {
        return Duration.ofNanos(latency.nanos());
    }
}
