package dev.shunt.gateway.shadow;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Counts and histograms of the comparisons of one time bucket (or, merged, of a whole window).
 * Not thread-safe: its {@link RouteWindow} guards it. Histograms resize to the largest value seen,
 * clamped: latencies in microseconds up to 10 minutes, errors in units of 1e-9 up to 1000.
 */
final class Tally {

    static final double ERROR_UNIT = 1e-9;
    static final double MAX_ERROR = 1000;
    static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int DIGITS = 2;

    long samples;
    long statusMatches;
    long structureMatches;
    long numericMatches;
    long agreements;
    long top1Samples;
    long top1Agreements;
    long primaryErrors;
    long shadowErrors;
    double maxAbsoluteError;
    final Histogram primaryLatencyMicros = new Histogram(DIGITS);
    final Histogram shadowLatencyMicros = new Histogram(DIGITS);
    /** Max absolute error of comparisons whose structures matched. */
    final Histogram absoluteErrors = new Histogram(DIGITS);
    /** Max absolute error of comparisons that disagreed on values alone. */
    final Histogram numericOnlyErrors = new Histogram(DIGITS);

    long noiseSamples;
    long noiseAgreements;
    final Histogram noiseAbsoluteErrors = new Histogram(DIGITS);

    void add(Comparison c) {
        samples++;
        statusMatches += c.statusMatch() ? 1 : 0;
        structureMatches += c.structureMatch() ? 1 : 0;
        numericMatches += c.numericWithinTolerance() ? 1 : 0;
        agreements += c.agrees() ? 1 : 0;
        if (c.top1Agreement().isPresent()) {
            top1Samples++;
            top1Agreements += c.top1Agreement().get() ? 1 : 0;
        }
        primaryErrors += c.primaryError() ? 1 : 0;
        shadowErrors += c.shadowError() ? 1 : 0;
        primaryLatencyMicros.recordValue(micros(c.primaryLatencyNanos()));
        shadowLatencyMicros.recordValue(micros(c.shadowLatencyNanos()));
        if (c.structureMatch()) {
            maxAbsoluteError = Math.max(maxAbsoluteError, Math.min(c.maxAbsoluteError(), Double.MAX_VALUE));
            absoluteErrors.recordValue(errorUnits(c.maxAbsoluteError()));
        }
        if (c.numericOnlyDisagreement()) {
            numericOnlyErrors.recordValue(errorUnits(c.maxAbsoluteError()));
        }
    }

    void addNoise(Comparison c) {
        noiseSamples++;
        noiseAgreements += c.agrees() ? 1 : 0;
        if (c.structureMatch()) {
            noiseAbsoluteErrors.recordValue(errorUnits(c.maxAbsoluteError()));
        }
    }

    void addAll(Tally o) {
        samples += o.samples;
        statusMatches += o.statusMatches;
        structureMatches += o.structureMatches;
        numericMatches += o.numericMatches;
        agreements += o.agreements;
        top1Samples += o.top1Samples;
        top1Agreements += o.top1Agreements;
        primaryErrors += o.primaryErrors;
        shadowErrors += o.shadowErrors;
        maxAbsoluteError = Math.max(maxAbsoluteError, o.maxAbsoluteError);
        primaryLatencyMicros.add(o.primaryLatencyMicros);
        shadowLatencyMicros.add(o.shadowLatencyMicros);
        absoluteErrors.add(o.absoluteErrors);
        numericOnlyErrors.add(o.numericOnlyErrors);
        noiseSamples += o.noiseSamples;
        noiseAgreements += o.noiseAgreements;
        noiseAbsoluteErrors.add(o.noiseAbsoluteErrors);
    }

    /** Empties it for reuse, keeping the histograms' storage. */
    void reset() {
        samples = 0;
        statusMatches = 0;
        structureMatches = 0;
        numericMatches = 0;
        agreements = 0;
        top1Samples = 0;
        top1Agreements = 0;
        primaryErrors = 0;
        shadowErrors = 0;
        maxAbsoluteError = 0;
        primaryLatencyMicros.reset();
        shadowLatencyMicros.reset();
        absoluteErrors.reset();
        numericOnlyErrors.reset();
        noiseSamples = 0;
        noiseAgreements = 0;
        noiseAbsoluteErrors.reset();
    }

    /** A latency quantile of a microsecond histogram, in milliseconds; 0 when it is empty. */
    static double millisAt(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** An error quantile of an error-unit histogram; 0 when it is empty. */
    static double errorAt(Histogram units, double percentile) {
        return units.getTotalCount() == 0 ? 0 : Math.min(units.getValueAtPercentile(percentile) * ERROR_UNIT, MAX_ERROR);
    }

    /** Comparisons in an error-unit histogram whose error is at most {@code limit}. */
    static long countAtMost(Histogram units, double limit) {
        return units.getCountBetweenValues(0, errorUnits(limit));
    }

    static long errorUnits(double error) {
        return Math.round(Math.min(error, MAX_ERROR) / ERROR_UNIT);
    }

    private static long micros(long nanos) {
        return Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), MAX_LATENCY_MICROS));
    }
}
