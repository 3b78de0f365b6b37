package dev.shunt.loadtest.sim;

import static java.util.Objects.requireNonNull;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Duration;
import java.util.List;

/**
 * What arrives: Poisson arrivals at {@code rate} per second, multiplied by {@code burstFactor} for a
 * stretch of the run, with a mix of classes whose batch share moves linearly from its start value to
 * {@code batchShareAtEnd} over the run (the other classes keeping their proportions).
 *
 * @param rate mean arrivals per second outside the burst, {@code > 0}
 * @param classes one per latency class, shares summing to 1
 * @param duration arrivals stop after it
 * @param warmup arrivals before it are served but not counted
 * @param burstFactor the rate's multiplier during the burst, {@code >= 1} (1: no burst)
 * @param burstStart when the burst starts, as a share of the duration, 0..1
 * @param burstLength how long it lasts, as a share of the duration, 0..1
 * @param batchShareAtEnd the batch class's share at the end, 0..1
 */
public record Workload(double rate, List<ClassSpec> classes, Duration duration, Duration warmup, double burstFactor,
        double burstStart, double burstLength, double batchShareAtEnd) {

    public Workload {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: > 0)");
        }
        classes = List.copyOf(requireNonNull(classes, "classes"));
        if (classes.size() != LatencyClass.values().length) {
            throw new IllegalArgumentException("classes: " + classes.size() + " (expected: one per latency class)");
        }
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).latencyClass() != LatencyClass.values()[i]) {
                throw new IllegalArgumentException("classes[" + i + "]: " + classes.get(i).latencyClass()
                        + " (expected: " + LatencyClass.values()[i] + ")");
            }
        }
        double sum = classes.stream().mapToDouble(ClassSpec::share).sum();
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("shares: " + sum + " in all (expected: 1)");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
        }
        if (warmup.isNegative() || warmup.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 0 and < duration " + duration + ")");
        }
        if (!(burstFactor >= 1) || Double.isInfinite(burstFactor)) {
            throw new IllegalArgumentException("burstFactor: " + burstFactor + " (expected: >= 1)");
        }
        if (!(burstStart >= 0 && burstStart <= 1 && burstLength >= 0 && burstLength <= 1)) {
            throw new IllegalArgumentException("burst: starts at " + burstStart + ", lasts " + burstLength
                    + " (expected: shares of the run, 0..1)");
        }
        if (!(batchShareAtEnd >= 0 && batchShareAtEnd < 1)) {
            throw new IllegalArgumentException("batchShareAtEnd: " + batchShareAtEnd + " (expected: 0..1, below 1)");
        }
        if (classes.get(LatencyClass.BATCH.ordinal()).share() >= 1) {
            throw new IllegalArgumentException("batch.share: 1.0 (expected: below 1)");
        }
    }

    /** The same workload at another base rate. */
    public Workload withRate(double newRate) {
        return new Workload(newRate, classes, duration, warmup, burstFactor, burstStart, burstLength, batchShareAtEnd);
    }

    /** The arrival rate at {@code t} seconds into the run. */
    double rateAt(double t) {
        double from = burstStart * seconds();
        return t >= from && t < from + burstLength * seconds() ? rate * burstFactor : rate;
    }

    /** The highest arrival rate of the run. */
    double peakRate() {
        return burstLength > 0 ? rate * burstFactor : rate;
    }

    /** The share of {@code c} at {@code t} seconds into the run. */
    double shareAt(LatencyClass c, double t) {
        double start = classes.get(LatencyClass.BATCH.ordinal()).share();
        double batch = start + (batchShareAtEnd - start) * Math.min(1, t / seconds());
        if (c == LatencyClass.BATCH) {
            return batch;
        }
        return classes.get(c.ordinal()).share() * (1 - batch) / (1 - start);
    }

    /** The share of {@code c} over the whole run. */
    double meanShare(LatencyClass c) {
        return shareAt(c, seconds() / 2);
    }

    /** Mean rate over the whole run, bursts included. */
    double meanRate() {
        return rate * (1 + (burstFactor - 1) * burstLength);
    }

    double seconds() {
        return duration.toNanos() / 1e9;
    }

    ClassSpec spec(LatencyClass c) {
        return classes.get(c.ordinal());
    }
}
