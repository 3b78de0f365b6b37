package dev.shunt.gateway.cutover;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The candidate's outcomes during one step on this replica: request and error counts and an
 * HdrHistogram of latencies (microseconds, three significant digits, up to
 * {@link CutoverPlan#MAX_TRACKED_LATENCY}; longer ones count as that). Thread-safe; recording holds a
 * lock for a few nanoseconds.
 */
final class StepWindow {

    static final long MAX_MICROS = CutoverPlan.MAX_TRACKED_LATENCY.toNanos() / 1000;

    private final String generation;
    private final int stepIndex;
    private final Histogram latencies = new Histogram(MAX_MICROS, 3);
    private long samples;
    private long errors;

    StepWindow(String generation, int stepIndex) {
        this.generation = generation;
        this.stepIndex = stepIndex;
    }

    /** Records one request; a negative latency counts as zero (nothing is thrown on an event loop). */
    synchronized void record(boolean error, long latencyNanos) {
        samples++;
        if (error) {
            errors++;
        }
        latencies.recordValue(Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(Math.max(0, latencyNanos))));
    }

    /** A copy of what it holds now. */
    synchronized StepCounts counts() {
        return new StepCounts(generation, stepIndex, samples, errors, latencies.copy());
    }
}
