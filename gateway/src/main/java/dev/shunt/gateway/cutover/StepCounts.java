package dev.shunt.gateway.cutover;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.metrics.HistogramText;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The candidate's outcomes one replica saw during one step of one cutover run: exact request and
 * error counts and the latency histogram, which merge exactly with other replicas' counts of the
 * same {@code generation} and {@code stepIndex}. Immutable; travels between replicas as JSON with the
 * histogram in HdrHistogram's compressed form, Base64.
 */
public final class StepCounts {

    private final String generation;
    private final int stepIndex;
    private final long samples;
    private final long errors;
    private final Histogram latencyMicros;

    StepCounts(String generation, int stepIndex, long samples, long errors, Histogram latencyMicros) {
        this.generation = requireNonNull(generation, "generation");
        this.stepIndex = stepIndex;
        if (samples < 0 || errors < 0 || errors > samples) {
            throw new IllegalArgumentException("counts: " + errors + " errors of " + samples
                    + " samples (expected: 0 <= errors <= samples)");
        }
        if (latencyMicros.getTotalCount() != samples) {
            throw new IllegalArgumentException("latencies: " + latencyMicros.getTotalCount()
                    + " recorded (expected: one per sample, " + samples + ")");
        }
        this.samples = samples;
        this.errors = errors;
        this.latencyMicros = latencyMicros;
    }

    /**
     * Counts read back from another replica.
     *
     * @param latencies the histogram as {@link #latencies()} wrote it
     * @throws IllegalArgumentException when they do not fit together
     */
    public static StepCounts of(String generation, int stepIndex, long samples, long errors, String latencies) {
        Histogram histogram;
        try {
            histogram = HistogramText.decode(latencies, StepWindow.MAX_MICROS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latencies: " + e.getMessage());
        }
        if (histogram.getMaxValue() > StepWindow.MAX_MICROS) {
            throw new IllegalArgumentException("latencies: up to " + histogram.getMaxValue() + " us (expected: at most "
                    + StepWindow.MAX_MICROS + ")");
        }
        return new StepCounts(generation, stepIndex, samples, errors, histogram);
    }

    public String generation() {
        return generation;
    }

    public int stepIndex() {
        return stepIndex;
    }

    public long samples() {
        return samples;
    }

    public long errors() {
        return errors;
    }

    /** The latency histogram (microseconds), compressed and Base64-encoded. */
    public String latencies() {
        return HistogramText.encode(latencyMicros);
    }

    /** Whether these counts belong to that run and step. */
    boolean of(String generation, int stepIndex) {
        return this.generation.equals(generation) && this.stepIndex == stepIndex;
    }

    /** These counts and {@code others}, summed; the others must be of the same run and step. */
    StepCounts plus(List<StepCounts> others) {
        if (others.isEmpty()) {
            return this;
        }
        Histogram sum = latencyMicros.copy();
        long s = samples;
        long e = errors;
        for (StepCounts o : others) {
            if (!o.of(generation, stepIndex)) {
                throw new IllegalArgumentException("counts of run " + o.generation + " step " + o.stepIndex
                        + " (expected: run " + generation + " step " + stepIndex + ")");
            }
            sum.add(o.latencyMicros);
            s += o.samples;
            e += o.errors;
        }
        return new StepCounts(generation, stepIndex, s, e, sum);
    }

    /**
     * The counts and the p99. The p99 is the lowest value of its histogram bucket, so a step whose
     * latencies sit exactly on the limit is not taken to be over it.
     */
    WindowStats stats() {
        if (samples == 0) {
            return WindowStats.EMPTY;
        }
        long p99Micros = latencyMicros.lowestEquivalentValue(latencyMicros.getValueAtPercentile(99.0));
        return new WindowStats(samples, errors, p99Micros / 1000.0);
    }
}
