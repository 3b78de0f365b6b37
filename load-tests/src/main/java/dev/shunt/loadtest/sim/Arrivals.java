package dev.shunt.loadtest.sim;

import dev.shunt.vocabulary.LatencyClass;
import java.util.Random;

/**
 * The requests of a {@link Workload}, one after another, drawn from their own seeded {@link Random} so
 * that every policy sees the same arrivals: a Poisson process at the peak rate thinned to the rate of
 * the moment, a class by the mix of the moment, rows uniform in the class's range.
 */
final class Arrivals {

    private final Workload workload;
    private final Random random;
    private final long endNanos;
    private final long warmupNanos;
    private double t;

    Arrivals(Workload workload, long seed) {
        this.workload = workload;
        this.random = new Random(seed);
        this.endNanos = workload.duration().toNanos();
        this.warmupNanos = workload.warmup().toNanos();
    }

    /** The next request, or null when arrivals have stopped. */
    SimRequest next() {
        double peak = workload.peakRate();
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / peak;
            long at = Math.round(t * 1e9);
            if (at >= endNanos) {
                return null;
            }
            if (random.nextDouble() * peak >= workload.rateAt(t)) {
                continue;
            }
            LatencyClass c = pick(t);
            ClassSpec spec = workload.spec(c);
            int rows = spec.minRows() + random.nextInt(spec.maxRows() - spec.minRows() + 1);
            return new SimRequest(c, rows, at, at + spec.deadline().toNanos(), at >= warmupNanos);
        }
    }

    private LatencyClass pick(double time) {
        double u = random.nextDouble();
        LatencyClass[] all = LatencyClass.values();
        for (int i = 0; i < all.length - 1; i++) {
            u -= workload.shareAt(all[i], time);
            if (u < 0) {
                return all[i];
            }
        }
        return all[all.length - 1];
    }
}
