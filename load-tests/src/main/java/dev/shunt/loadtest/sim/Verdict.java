package dev.shunt.loadtest.sim;

import dev.shunt.vocabulary.LatencyClass;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The targets, read from the results: slo at least the best static policy's attainment at
 * every load; at the highest load at least 1.6x fewer misses than the best static policy; hybrid
 * (slo) meeting realtime >= 99% at a load where cpu-only does not, at <= 0.5x the GPU-only fleet's cost.
 */
final class Verdict {

    static final double MISS_RATIO_TARGET = 1.6;
    static final double REALTIME_TARGET = 0.99;
    static final double COST_TARGET = 0.5;

    private final List<RunResult> results;

    Verdict(List<RunResult> results) {
        this.results = List.copyOf(results);
    }

    List<Double> loads() {
        return results.stream().map(RunResult::load).distinct().sorted().toList();
    }

    Optional<RunResult> find(PolicyKind p, double load) {
        return results.stream().filter(r -> r.policy() == p && r.load() == load).findFirst();
    }

    /** The static policy with the fewest misses at {@code load}. */
    Optional<RunResult> bestStatic(double load) {
        return results.stream().filter(r -> r.load() == load && r.policy().isStatic())
                .min(Comparator.comparingLong(RunResult::misses));
    }

    /** Best static misses over slo misses at the highest load; infinite when slo missed none, NaN without slo. */
    double missRatioAtPeak() {
        double peak = loads().get(loads().size() - 1);
        Optional<RunResult> slo = find(PolicyKind.SLO, peak);
        Optional<RunResult> best = bestStatic(peak);
        if (slo.isEmpty() || best.isEmpty()) {
            return Double.NaN;
        }
        return slo.get().misses() == 0 ? Double.POSITIVE_INFINITY : (double) best.get().misses() / slo.get().misses();
    }

    /** The loads where slo's attainment is below the best static policy's. */
    List<Double> loadsWhereSloTrails() {
        return loads().stream().filter(l -> {
            Optional<RunResult> slo = find(PolicyKind.SLO, l);
            Optional<RunResult> best = bestStatic(l);
            return slo.isPresent() && best.isPresent() && slo.get().attainment() < best.get().attainment();
        }).toList();
    }

    /** The loads where slo meets realtime >= 99% and cpu-only does not. */
    List<Double> loadsWhereHybridHoldsRealtimeAndCpuFails() {
        return loads().stream().filter(l -> {
            Optional<RunResult> slo = find(PolicyKind.SLO, l);
            Optional<RunResult> cpu = find(PolicyKind.CPU_ONLY, l);
            return slo.isPresent() && cpu.isPresent()
                    && slo.get().of(LatencyClass.REALTIME).attainment() >= REALTIME_TARGET
                    && cpu.get().of(LatencyClass.REALTIME).attainment() < REALTIME_TARGET;
        }).toList();
    }

    /** The hybrid fleet's cost over the GPU-only fleet's; NaN when either did not run. */
    double hybridOverGpuCost() {
        Optional<RunResult> slo = results.stream().filter(r -> r.policy() == PolicyKind.SLO).findFirst();
        Optional<RunResult> gpu = results.stream().filter(r -> r.policy() == PolicyKind.GPU_ONLY).findFirst();
        return slo.isPresent() && gpu.isPresent() ? slo.get().costPerHour() / gpu.get().costPerHour() : Double.NaN;
    }
}
