package dev.shunt.gateway.cutover;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The candidate's outcomes during one step: request and error counts and an HdrHistogram of
 * latencies (microseconds, three significant digits, up to {@link CutoverPlan#MAX_TRACKED_LATENCY};
 * longer ones count as that). Thread-safe; recording holds a lock for a few nanoseconds.
 */
final class StepWindow {

    private static final long MAX_MICROS = CutoverPlan.MAX_TRACKED_LATENCY.toNanos() / 1000;

    private final Histogram latencies = new Histogram(MAX_MICROS, 3);
    private long samples;
    private long errors;

    /** Records one request; a negative latency counts as zero (nothing is thrown on an event loop). */
    synchronized void record(boolean error, long latencyNanos) {
        samples++;
        if (error) {
            errors++;
        }
        latencies.recordValue(Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(Math.max(0, latencyNanos))));
    }

    /**
     * The counts and the p99. The p99 is the lowest value of its histogram bucket, so a step whose
     * latencies sit exactly on the limit is not taken to be over it.
     */
    synchronized WindowStats stats() {
        if (samples == 0) {
            return WindowStats.EMPTY;
        }
        long p99Micros = latencies.lowestEquivalentValue(latencies.getValueAtPercentile(99.0));
        return new WindowStats(samples, errors, p99Micros / 1000.0);
    }
}
