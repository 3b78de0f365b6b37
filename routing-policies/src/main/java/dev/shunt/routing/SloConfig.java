package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.List;
import java.util.Set;

/**
 * The {@code slo} policy's settings.
 *
 * @param pools the pools it chooses among, each with its relative cost
 * @param margin the share of the time left that is kept in reserve: a pool is "in time" when its
 *     estimate is at most {@code (1 - margin)} of it; 0..0.9
 * @param rejectUnmeetable refuse a request no pool is expected to answer in time ({@code slo:unmeetable})
 *     rather than send it to the fastest
 * @param protectWait when set, a standard or batch request counts a pool as in time only if the wait it
 *     leaves there (the pool's wait plus its own share of the workers) stays within this: work with time
 *     to spare is not piled where realtime requests must wait behind it
 */
public record SloConfig(List<Pool> pools, double margin, boolean rejectUnmeetable, Optional<Duration> protectWait) {

    /**
     * One pool the policy may choose.
     *
     * @param name the pool
     * @param cost what one backend costs per unit of time (a replica-hour price works), {@code > 0}
     * @param concurrency requests one backend works on at once (a CPU server's workers; 1 for a
     *     batching server, whose batches run one after another), {@code >= 1}
     * @param batching whether its backends join requests into batches, so that a request shares its
     *     batch's fixed cost with the others in it
     */
    public record Pool(String name, double cost, int concurrency, boolean batching) {
        public Pool {
            requireNonNull(name, "name");
            if (!(cost > 0) || Double.isInfinite(cost)) {
                throw new IllegalArgumentException("cost: " + cost + " (expected: > 0)");
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: >= 1)");
            }
        }

        /** A pool whose backends do not batch. */
        public Pool(String name, double cost, int concurrency) {
            this(name, cost, concurrency, false);
        }

        /**
         * What serving {@code rows} rows costs here: the backend time it takes up, times the price. A
         * worker is {@code 1/concurrency} of a backend; in a batch, the fixed part is shared by the rows.
         */
        double costOf(long rows, dev.shunt.routing.latency.ServiceCurve curve) {
            return cost * curve.backendNanos(rows, concurrency, batching);
        }
    }

    public SloConfig {
        pools = List.copyOf(requireNonNull(pools, "pools"));
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("pools: [] (expected: at least one pool)");
        }
        Set<String> names = new HashSet<>();
        for (Pool p : pools) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("pools: \"" + p.name() + "\" twice (expected: each pool once)");
            }
        }
        if (!(margin >= 0 && margin <= 0.9)) {
            throw new IllegalArgumentException("margin: " + margin + " (expected: 0..0.9)");
        }
        requireNonNull(protectWait, "protectWait");
        protectWait.ifPresent(w -> {
            if (w.isNegative() || w.isZero()) {
                throw new IllegalArgumentException("protectWait: " + w + " (expected: > 0)");
            }
        });
    }

    /** Without {@code protectWait}. */
    public SloConfig(List<Pool> pools, double margin, boolean rejectUnmeetable) {
        this(pools, margin, rejectUnmeetable, Optional.empty());
    }
}
