package dev.shunt.loadtest.sim;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Every policy on its fleet at every load: the offered mean rate (bursts included) is
 * {@code load x} the hybrid fleet's estimated capacity ({@link Capacity}), the same for every fleet,
 * and the same seed for every run so that all see the same arrivals.
 *
 * @param cpuFleet where cpu-only runs
 * @param gpuFleet where gpu-only runs
 * @param hybridFleet where the other policies run
 * @param hardware backends, prices, learner
 * @param settings policy knobs
 * @param workload the mix, bursts and shift (its rate is replaced per load)
 * @param loads shares of the hybrid capacity, each {@code > 0}
 * @param policies the policies to run
 * @param seed the seed of every run
 */
public record Experiment(Fleet cpuFleet, Fleet gpuFleet, Fleet hybridFleet, Hardware hardware, PolicySettings settings,
        Workload workload, List<Double> loads, List<PolicyKind> policies, long seed) {

    public Experiment {
        requireNonNull(cpuFleet, "cpuFleet");
        requireNonNull(gpuFleet, "gpuFleet");
        requireNonNull(hybridFleet, "hybridFleet");
        requireNonNull(hardware, "hardware");
        requireNonNull(settings, "settings");
        requireNonNull(workload, "workload");
        loads = List.copyOf(loads);
        policies = List.copyOf(policies);
        if (loads.isEmpty() || loads.stream().anyMatch(l -> !(l > 0))) {
            throw new IllegalArgumentException("loads: " + loads + " (expected: at least one, each > 0)");
        }
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("policies: [] (expected: at least one)");
        }
        if (cpuFleet.cpuBackends() == 0 || gpuFleet.gpuBackends() == 0 || hybridFleet.cpuBackends() == 0
                || hybridFleet.gpuBackends() == 0) {
            throw new IllegalArgumentException("fleets: cpu-only " + cpuFleet.shape() + ", gpu-only " + gpuFleet.shape()
                    + ", hybrid " + hybridFleet.shape() + " (expected: each with the pools its policies use)");
        }
    }

    /** The hybrid fleet's estimated capacity, requests per second. */
    public double capacity() {
        return Capacity.of(hybridFleet, hardware, workload);
    }

    Fleet fleetOf(PolicyKind p) {
        return switch (p.fleet) {
            case CPU -> cpuFleet;
            case GPU -> gpuFleet;
            case HYBRID -> hybridFleet;
        };
    }

    /** One run. */
    public RunResult run(PolicyKind policy, double load) {
        Workload w = workload.withRate(load * capacity() * workload.rate() / workload.meanRate());
        Fleet fleet = fleetOf(policy);
        Simulation sim = new Simulation(fleet, hardware, policy, settings, w, seed).run();
        long cpu = sim.routed("cpu");
        long gpu = sim.routed("gpu");
        double batchRows = Double.NaN;
        SimPool gpuPool = sim.pools().get("gpu");
        if (gpuPool != null) {
            long passes = 0;
            long rows = 0;
            for (SimBackend b : gpuPool.backends()) {
                passes += ((GpuBackend) b).batches();
                rows += ((GpuBackend) b).batchedRows();
            }
            batchRows = passes == 0 ? Double.NaN : (double) rows / passes;
        }
        double window = (w.duration().toNanos() - w.warmup().toNanos()) / 1e9;
        return new RunResult(policy, fleet, load, w.rate(), fleet.costPerHour(hardware), sim.classes(), window,
                sim.tally().meanAnsweredNanos() / 1e6, cpu + gpu == 0 ? Double.NaN : (double) gpu / (cpu + gpu),
                batchRows, sim.events());
    }

    /** Every run, by load then policy. */
    public List<RunResult> runAll() {
        List<RunResult> out = new ArrayList<>();
        for (double load : loads) {
            for (PolicyKind p : policies) {
                out.add(run(p, load));
            }
        }
        return out;
    }
}
