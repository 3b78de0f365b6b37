package dev.shunt.loadtest.sim;

import dev.shunt.routing.BackendSnapshot;
import dev.shunt.routing.PoolSnapshot;
import dev.shunt.routing.latency.CurveLearner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A pool of simulated backends as the gateway runs it: a request goes to the backend with the fewest
 * in flight that has room, every answer feeds the pool's {@link CurveLearner} (rows of the pass,
 * its compute time, the wait before it), and the policy sees a {@link PoolSnapshot} with the backends'
 * real in-flight counts and the learned curve.
 */
final class SimPool implements Completions {

    final String name;
    private final List<SimBackend> backends;
    private final CurveLearner learner;
    private final Tally tally;
    private final EventQueue events;
    private PoolSnapshot snapshot;
    private boolean dirty = true;

    /**
     * @param backendOf builds the backend of each index, reporting to the pool it is given
     */
    SimPool(String name, int count, Function<Completions, Function<Integer, SimBackend>> backendOf,
            CurveLearner learner, Tally tally, EventQueue events) {
        if (count < 1) {
            throw new IllegalArgumentException(name + ".backends: " + count + " (expected: > 0)");
        }
        this.name = name;
        this.learner = learner;
        this.tally = tally;
        this.events = events;
        Function<Integer, SimBackend> make = backendOf.apply(this);
        List<SimBackend> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(make.apply(i));
        }
        this.backends = List.copyOf(list);
    }

    /** Sends the request to the least busy backend with room; false when every one is full. */
    boolean submit(SimRequest r) {
        SimBackend least = null;
        for (SimBackend b : backends) {
            if (b.available() && (least == null || b.inFlight() < least.inFlight())) {
                least = b;
            }
        }
        if (least == null) {
            return false;
        }
        least.submit(r);
        return true;
    }

    /** What the policy sees now. */
    PoolSnapshot snapshot() {
        if (dirty || snapshot == null) {
            List<BackendSnapshot> list = new ArrayList<>(backends.size());
            for (SimBackend b : backends) {
                list.add(b.snapshot());
            }
            snapshot = new PoolSnapshot(name, list, Optional.of(learner.curve()));
            dirty = false;
        }
        return snapshot;
    }

    List<SimBackend> backends() {
        return backends;
    }

    @Override
    public void answered(SimRequest r, long batchRows, long serviceNanos, long queueNanos) {
        learner.observe(batchRows, serviceNanos, queueNanos);
        long now = events.now();
        tally.record(r, now <= r.deadline ? Outcome.MET : Outcome.LATE, now);
    }

    @Override
    public void expired(SimRequest r) {
        tally.record(r, Outcome.EXPIRED, events.now());
    }

    @Override
    public void changed() {
        dirty = true;
    }
}
