package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the gateway learns a pool's latency ({@code pools.<name>.latency}) for the {@code slo} policy.
 *
 * @param priorFixed the service time of a 1-row request before any answer (minus {@code priorPerRow})
 * @param priorPerRow the service time each row adds before any answer
 * @param decay how much each answer fades the ones before it (0..1; 0.1 remembers about ten answers)
 * @param relax the time constant with which a pool without answers returns to its prior, so that a pool
 *     left alone because it looked slow is tried again
 * @param concurrency requests one backend works on at once (a CPU server's workers; 1 for a batching
 *     server), for the wait behind the requests in flight
 * @param batching whether the backends join requests into batches (Shunt's GPU server, Triton's dynamic
 *     batcher): a request then shares its batch's fixed cost, which makes large requests cheap there
 */
public record LatencyModelConfig(Duration priorFixed, Duration priorPerRow, double decay, Duration relax,
        int concurrency, boolean batching) {

    public LatencyModelConfig {
        requireNonNull(priorFixed, "priorFixed");
        requireNonNull(priorPerRow, "priorPerRow");
        if (priorFixed.isNegative()) {
            throw new IllegalArgumentException("prior.fixed: " + priorFixed + " (expected: >= 0)");
        }
        if (priorPerRow.isNegative()) {
            throw new IllegalArgumentException("prior.perRow: " + priorPerRow + " (expected: >= 0)");
        }
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay: " + decay + " (expected: between 0 and 1)");
        }
        Checks.positive("relax", relax);
        Checks.between("concurrency", concurrency, 1, 100_000);
    }

    /** 10 ms + 1 ms per row, decay 0.1, relax 30 s, concurrency 1, no batching. */
    public static LatencyModelConfig ofDefaults() {
        return new LatencyModelConfig(Duration.ofMillis(10), Duration.ofMillis(1), 0.1, Duration.ofSeconds(30), 1, false);
    }
}
