package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Routes each request to the cheapest pool expected to answer it before its deadline, from the pools'
 * learned latency ({@link CompletionEstimate}); when none is, to the fastest, or refuses it early when
 * configured. A request's cost on a pool is the backend time it takes up there times the pool's price
 * ({@link SloConfig.Pool#costOf}): a large request is cheaper where batching spreads the fixed cost,
 * a small one where a worker is cheap. With {@link SloConfig#protectWait()}, standard and batch requests also avoid piling a
 * wait longer than it on a pool. Reasons: {@code slo:<pool>-cheapest} (several were in time, the cheapest won),
 * {@code slo:<pool>-only-in-time}, {@code slo:fastest}, {@code slo:unmeetable}; with no pool able to
 * take it, {@code all-pools-saturated} or {@code no-healthy-backend}.
 */
final class SloPolicy implements RoutingPolicy {

    private final SloConfig config;
    private final Clock clock;
    private final Map<String, String> cheapest = new HashMap<>();
    private final Map<String, String> onlyInTime = new HashMap<>();

    SloPolicy(SloConfig config, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        for (SloConfig.Pool p : config.pools()) {
            cheapest.put(p.name(), "slo:" + p.name() + "-cheapest");
            onlyInTime.put(p.name(), "slo:" + p.name() + "-only-in-time");
        }
    }

    @Override
    public Decision decide(RequestProfile profile, ClusterSnapshot cluster) {
        double budget = Duration.between(clock.instant(), profile.deadline()).toNanos() * (1 - config.margin());
        double protect = profile.latencyClass() == LatencyClass.REALTIME || config.protectWait().isEmpty()
                ? Double.MAX_VALUE : config.protectWait().get().toNanos();
        SloConfig.Pool chosen = null;
        double chosenEstimate = 0;
        double chosenCost = 0;
        int inTime = 0;
        SloConfig.Pool fastest = null;
        double fastestEstimate = Double.MAX_VALUE;
        boolean saturated = false;
        for (SloConfig.Pool p : config.pools()) {
            PoolSnapshot pool = cluster.pools().get(p.name());
            if (pool == null) {
                continue;
            }
            double estimate = CompletionEstimate.nanos(profile.batchSize(), pool, p);
            if (Double.isNaN(estimate)) {
                saturated |= pool.saturated();
                continue;
            }
            if (estimate < fastestEstimate) {
                fastest = p;
                fastestEstimate = estimate;
            }
            if (estimate <= budget && leftWait(profile.batchSize(), pool, p) <= protect) {
                inTime++;
                double cost = p.costOf(profile.batchSize(), pool.curve().get());
                if (chosen == null || cost < chosenCost || cost == chosenCost && estimate < chosenEstimate) {
                    chosen = p;
                    chosenEstimate = estimate;
                    chosenCost = cost;
                }
            }
        }
        if (chosen != null) {
            return new Decision.Route(chosen.name(), inTime > 1 ? cheapest.get(chosen.name()) : onlyInTime.get(chosen.name()));
        }
        if (fastest != null) {
            return config.rejectUnmeetable()
                    ? new Decision.Reject(Rejection.UNMEETABLE, "slo:unmeetable")
                    : new Decision.Route(fastest.name(), "slo:fastest");
        }
        return saturated
                ? new Decision.Reject(Rejection.OVERLOADED, "all-pools-saturated")
                : new Decision.Reject(Rejection.NO_BACKEND, "no-healthy-backend");
    }

    /**
     * The wait a request leaves behind it on a pool: the work queued there on average beyond the workers,
     * plus its own share of them.
     */
    private static double leftWait(long rows, PoolSnapshot pool, SloConfig.Pool settings) {
        return CompletionEstimate.meanQueuedNanos(pool, settings)
                + pool.curve().get().serviceNanos(rows) / settings.concurrency();
    }
}
