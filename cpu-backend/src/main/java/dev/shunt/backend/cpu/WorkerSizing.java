package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * Sizes the CPU worker pool so that {@code workers x intraOpThreads} does not exceed the usable
 * physical cores: more threads than cores only adds context switches and cache misses, and costs
 * throughput and tail latency. The default suits a latency server: one single-threaded worker per
 * usable physical core. A pure function; tested with plain topologies.
 */
public final class WorkerSizing {

    private WorkerSizing() {}

    /**
     * Decides the pool's size.
     *
     * @param topology the CPUs this process may use
     * @param workers {@code --workers}, when given
     * @param threads {@code --threads} (intra-op threads per worker), when given
     * @throws IllegalArgumentException when an override is not positive
     */
    public static SizingDecision decide(CpuTopology topology, OptionalInt workers, OptionalInt threads) {
        requireNonNull(topology, "topology");
        requireNonNull(workers, "workers");
        requireNonNull(threads, "threads");
        requirePositive("workers", workers);
        requirePositive("threads", threads);
        int cores = topology.usablePhysicalCores();
        int w;
        int t;
        String how;
        if (workers.isPresent() && threads.isPresent()) {
            w = workers.getAsInt();
            t = threads.getAsInt();
            how = "--workers and --threads given";
        } else if (threads.isPresent()) {
            t = threads.getAsInt();
            w = Math.max(1, cores / t);
            how = "--threads given: workers = max(1, " + cores + " cores / " + t + " threads)";
        } else if (workers.isPresent()) {
            w = workers.getAsInt();
            t = Math.max(1, cores / w);
            how = "--workers given: threads = max(1, " + cores + " cores / " + w + " workers)";
        } else {
            w = cores;
            t = 1;
            how = "default: one single-threaded worker per usable physical core";
        }
        long used = (long) w * t;
        boolean oversubscribed = used > cores;
        String product = "workers " + w + " x threads " + t + " = " + used;
        String explanation = product + (oversubscribed ? " > " : " <= ")
                + CpuTopology.plural(cores, "usable physical core") + " (" + how + ")";
        List<String> warnings = oversubscribed
                ? List.of(product + " > " + CpuTopology.plural(cores, "usable physical core")
                        + ": expect lower throughput and worse tail latency")
                : List.of();
        return new SizingDecision(w, t, cores, oversubscribed, explanation, warnings);
    }

    private static void requirePositive(String name, OptionalInt value) {
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new IllegalArgumentException(name + ": " + value.getAsInt() + " (expected: > 0)");
        }
    }
}
