package dev.shunt.loadtest.sim;

import dev.shunt.routing.ClusterSnapshot;
import dev.shunt.routing.Decision;
import dev.shunt.routing.PoolSnapshot;
import dev.shunt.routing.RequestProfile;
import dev.shunt.routing.RoutingPolicy;
import dev.shunt.vocabulary.LatencyClass;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One run: a workload's arrivals against a fleet, each routed by the policy from a snapshot of the
 * pools at its arrival, in simulated time until every request is answered or dropped. Arrivals and
 * service times come from two random streams seeded from {@code seed}, so the same seed gives the
 * same run and every policy sees the same arrivals.
 */
final class Simulation {

    /** A {@code convnet} image: 3 x 64 x 64 FP32. */
    static final long ELEMENTS_PER_ROW = 3 * 64 * 64;

    private final EventQueue events = new EventQueue(new SimClock());
    private final Tally tally = new Tally();
    private final Map<String, SimPool> pools = new LinkedHashMap<>();
    private final Map<String, long[]> routed = new HashMap<>();
    private final RoutingPolicy policy;
    private final Arrivals arrivals;
    private final String model;

    Simulation(Fleet fleet, Hardware hw, PolicyKind kind, PolicySettings settings, Workload workload, long seed) {
        Random service = new Random(seed * 31 + 7);
        if (fleet.cpuBackends() > 0) {
            pools.put("cpu", new SimPool("cpu", fleet.cpuBackends(), pool -> i -> new CpuBackend("cpu-" + i,
                    hw.cpuWorkers(), hw.cpuMaxInFlight(), events, hw.cpuCurve(), service, pool),
                    hw.learner(hw.cpuCurve()), tally, events));
        }
        if (fleet.gpuBackends() > 0) {
            pools.put("gpu", new SimPool("gpu", fleet.gpuBackends(), pool -> i -> new GpuBackend("gpu-" + i,
                    hw.gpuMaxBatchRows(), hw.gpuMaxQueueDelay().toNanos(), hw.gpuMaxInFlight(), events,
                    hw.gpuCurve(), service, pool), hw.learner(hw.gpuCurve()), tally, events));
        }
        this.policy = kind.build(hw, settings, events.clock());
        this.arrivals = new Arrivals(workload, seed);
        this.model = hw.cpuCurve().model();
    }

    /** Runs to the end. */
    Simulation run() {
        scheduleNext();
        events.runAll();
        return this;
    }

    Tally tally() {
        return tally;
    }

    Map<String, SimPool> pools() {
        return pools;
    }

    /** Requests routed to {@code pool} (warm-up included). */
    long routed(String pool) {
        long sum = 0;
        for (long n : routed.getOrDefault(pool, new long[0])) {
            sum += n;
        }
        return sum;
    }

    /** Requests of class {@code c} routed to {@code pool} (warm-up included). */
    long routed(String pool, LatencyClass c) {
        return routed.getOrDefault(pool, new long[LatencyClass.values().length])[c.ordinal()];
    }

    long events() {
        return events.processed();
    }

    Map<LatencyClass, ClassResult> classes() {
        Map<LatencyClass, ClassResult> out = new EnumMap<>(LatencyClass.class);
        for (LatencyClass c : LatencyClass.values()) {
            out.put(c, new ClassResult(tally.arrived(c), tally.count(c, Outcome.MET), tally.count(c, Outcome.LATE),
                    tally.count(c, Outcome.EXPIRED), tally.count(c, Outcome.REJECTED)));
        }
        return out;
    }

    private void scheduleNext() {
        SimRequest r = arrivals.next();
        if (r != null) {
            events.at(r.arrival, () -> {
                arrive(r);
                scheduleNext();
            });
        }
    }

    private void arrive(SimRequest r) {
        Map<String, PoolSnapshot> view = new HashMap<>(4);
        pools.forEach((name, pool) -> view.put(name, pool.snapshot()));
        RequestProfile profile = new RequestProfile(model, r.rows * ELEMENTS_PER_ROW * 4, r.rows,
                r.rows * ELEMENTS_PER_ROW, r.latencyClass, SimClock.at(r.deadline), Map.of());
        Decision d = policy.decide(profile, new ClusterSnapshot(view));
        if (d instanceof Decision.Route route && pools.containsKey(route.pool()) && pools.get(route.pool()).submit(r)) {
            routed.computeIfAbsent(route.pool(), k -> new long[LatencyClass.values().length])[r.latencyClass.ordinal()]++;
            return;
        }
        tally.record(r, Outcome.REJECTED, events.now());
    }
}
