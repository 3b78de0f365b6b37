package dev.shunt.loadtest.sim;

import dev.shunt.vocabulary.Durations;
import dev.shunt.vocabulary.LatencyClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report of an {@link Experiment}: the set-up, one row per load and policy, and the targets read from it. */
final class SimReport {

    private SimReport() {}

    static String markdown(Experiment e, List<RunResult> results, double wallSeconds) {
        Hardware hw = e.hardware();
        Workload w = e.workload();
        StringBuilder md = new StringBuilder();
        md.append("## SLO routing: simulated fleets\n\n");
        md.append(f("Discrete-event simulation, simulated time, seed %d; %s of arrivals per run, the first %s not counted. "
                + "Loads are shares of the hybrid fleet's estimated capacity (%.0f req/s for the mean mix); the same "
                + "arrivals go to every fleet.%n%n", e.seed(), Durations.format(w.duration()), Durations.format(w.warmup()),
                e.capacity()));
        md.append(f("- Curves: `%s` (%s), `%s` (%s, **an assumption**: see the file)%n", hw.cpuCurve().source(),
                hw.cpuCurve().model(), hw.gpuCurve().source(), hw.gpuCurve().model()));
        md.append(f("- CPU backend: %d workers, FIFO, one request per worker, bulkhead %d; GPU backend: dynamic batching "
                + "up to %d rows, waiting at most %s, bulkhead %d; queued requests are dropped at their deadline%n",
                hw.cpuWorkers(), hw.cpuMaxInFlight(), hw.gpuMaxBatchRows(), Durations.format(hw.gpuMaxQueueDelay()),
                hw.gpuMaxInFlight()));
        md.append(f("- Prices: CPU backend $%.2f/h, GPU backend $%.2f/h. Fleets: cpu-only %s ($%.2f/h), gpu-only %s "
                + "($%.2f/h), hybrid %s ($%.2f/h)%n", hw.cpuPricePerHour(), hw.gpuPricePerHour(), e.cpuFleet().shape(),
                e.cpuFleet().costPerHour(hw), e.gpuFleet().shape(), e.gpuFleet().costPerHour(hw), e.hybridFleet().shape(),
                e.hybridFleet().costPerHour(hw)));
        md.append("- Mix at the start:");
        for (ClassSpec c : w.classes()) {
            md.append(f(" %s %.0f%% (%d-%d rows, deadline %s);", c.latencyClass().wireName(), c.share() * 100,
                    c.minRows(), c.maxRows(), Durations.format(c.deadline())));
        }
        md.append(f(" the batch share moves to %.0f%% by the end; rate x%.1f from %.0f%% to %.0f%% of the run%n",
                w.batchShareAtEnd() * 100, w.burstFactor(), w.burstStart() * 100, (w.burstStart() + w.burstLength()) * 100));
        md.append(f("- Policies: size-threshold rows <= %d to cpu, else gpu, spilling; latency-class realtime to cpu, "
                + "others to gpu; slo margin %.2f, costs = the prices, %s; each pool's curve learned online "
                + "(prior: the curve file's p50 line, weight %.0f answers, decay %.3f per answer)%n%n",
                e.settings().thresholdRows(), e.settings().sloMargin(),
                e.settings().sloRejectUnmeetable() ? "refusing what no pool can answer in time" : "sending what no pool "
                        + "can answer in time to the fastest", hw.priorWeight(), hw.learnerDecay()));
        md.append("| load | req/s | policy | fleet | $/h | realtime | standard | batch | overall | SLO misses | "
                + "answered req/s | to gpu | rows/pass |\n");
        md.append("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            md.append(f("| %.1f | %.0f | %s | %s | %.2f | %s | %s | %s | %s | %d | %.0f | %s | %s |%n", r.load(),
                    r.rate() * e.workload().meanRate() / e.workload().rate(), r.policy().label, r.fleet().shape(),
                    r.costPerHour(), pct(r.of(LatencyClass.REALTIME).attainment()),
                    pct(r.of(LatencyClass.STANDARD).attainment()), pct(r.of(LatencyClass.BATCH).attainment()),
                    pct(r.attainment()), r.misses(), r.throughput(), pct(r.gpuShare()),
                    Double.isNaN(r.meanGpuBatchRows()) ? "–" : f("%.1f", r.meanGpuBatchRows())));
        }
        md.append("\nAttainment: answered before the deadline over arrived. SLO misses: arrived and not answered in "
                + "time (late, dropped at the deadline, or refused).\n\n");
        md.append(targets(new Verdict(results)));
        md.append(f("%nWall time: %.1f s for %d runs, %d simulation events.%n", wallSeconds, results.size(),
                results.stream().mapToLong(RunResult::events).sum()));
        return md.toString();
    }

    static String targets(Verdict v) {
        StringBuilder md = new StringBuilder("### Against the targets\n\n");
        double peak = v.loads().get(v.loads().size() - 1);
        v.bestStatic(peak).ifPresent(best -> v.find(PolicyKind.SLO, peak).ifPresent(slo -> md.append(f(
                "- At load %.1f the best static policy is %s with %d misses; slo has %d: **%.2fx** fewer (target >= %.1fx): %s%n",
                peak, best.policy().label, best.misses(), slo.misses(), v.missRatioAtPeak(), Verdict.MISS_RATIO_TARGET,
                v.missRatioAtPeak() >= Verdict.MISS_RATIO_TARGET ? "met" : "**not met**"))));
        List<Double> trails = v.loadsWhereSloTrails();
        md.append(trails.isEmpty()
                ? "- slo reaches at least the best static policy's attainment at every load: met\n"
                : f("- slo trails the best static policy's attainment at loads %s: **not met**%n", trails));
        List<Double> holds = v.loadsWhereHybridHoldsRealtimeAndCpuFails();
        double cost = v.hybridOverGpuCost();
        md.append(f("- Hybrid (slo) meets realtime >= 99%% where cpu-only does not at loads %s; hybrid costs %.2fx the "
                + "GPU-only fleet (target <= %.1fx): %s%n", holds, cost, Verdict.COST_TARGET,
                !holds.isEmpty() && cost <= Verdict.COST_TARGET ? "met" : "**not met**"));
        return md.toString();
    }

    /** Attainment against load per policy, and cost against attainment. */
    static Map<String, String> svgs(List<RunResult> results, String prefix) {
        Map<String, List<double[]>> attainment = new LinkedHashMap<>();
        Map<String, List<double[]>> cost = new LinkedHashMap<>();
        for (RunResult r : results) {
            attainment.computeIfAbsent(r.policy().label, k -> new ArrayList<>()).add(new double[] {r.load(), r.attainment() * 100});
            cost.computeIfAbsent(r.policy().label + " (" + r.fleet().shape() + ")", k -> new ArrayList<>())
                    .add(new double[] {r.attainment() * 100, r.costPerHour()});
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put(prefix + "-attainment.svg", new SvgPlot("SLO attainment against load", "load (share of the hybrid "
                + "fleet's estimated capacity)", "answered in time, %", attainment, true).render());
        out.put(prefix + "-cost.svg", new SvgPlot("Fleet cost against SLO attainment (one point per load)",
                "answered in time, %", "fleet $/h", cost, false).render());
        return out;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : f("%.1f%%", v * 100);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
