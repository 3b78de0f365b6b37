package dev.shunt.loadtest.sim;

import static java.util.Objects.requireNonNull;

import dev.shunt.vocabulary.LatencyClass;
import java.util.Map;

/**
 * One policy on its fleet at one load.
 *
 * @param policy the policy
 * @param fleet the fleet it ran on
 * @param load the offered rate as a share of the hybrid fleet's estimated capacity
 * @param rate the offered base rate, requests per second
 * @param costPerHour the fleet's price
 * @param classes per latency class
 * @param windowSeconds the measured window (after the warm-up)
 * @param meanLatencyMs mean time to answer of the answered requests
 * @param gpuShare the share of routed requests that went to the GPU pool
 * @param meanGpuBatchRows mean rows per GPU forward pass (NaN without one)
 * @param events simulation events processed
 */
public record RunResult(PolicyKind policy, Fleet fleet, double load, double rate, double costPerHour,
        Map<LatencyClass, ClassResult> classes, double windowSeconds, double meanLatencyMs, double gpuShare,
        double meanGpuBatchRows, long events) {

    public RunResult {
        requireNonNull(policy, "policy");
        requireNonNull(fleet, "fleet");
        classes = Map.copyOf(classes);
    }

    public ClassResult of(LatencyClass c) {
        return classes.get(c);
    }

    public long arrived() {
        return classes.values().stream().mapToLong(ClassResult::arrived).sum();
    }

    public long met() {
        return classes.values().stream().mapToLong(ClassResult::met).sum();
    }

    /** Requests not answered before their deadline (late, expired or rejected). */
    public long misses() {
        return arrived() - met();
    }

    /** Met over arrived, all classes. */
    public double attainment() {
        return arrived() == 0 ? Double.NaN : (double) met() / arrived();
    }

    /** Answered requests per second of the measured window, in time or not. */
    public double throughput() {
        long answered = classes.values().stream().mapToLong(c -> c.met() + c.late()).sum();
        return answered / windowSeconds;
    }
}
