package dev.shunt.gateway.shadow;

/**
 * Quantiles of the max absolute error per comparison, over comparisons whose structures matched.
 * Quantiles are accurate to about 1% and saturate at 1000; the max is exact (finite).
 *
 * @param p50 the median
 * @param p99 the 99th percentile
 * @param max the largest
 */
public record ErrorQuantiles(double p50, double p99, double max) {

    public ErrorQuantiles {
        Checks.nonNegativeFinite("absoluteError.p50", p50);
        Checks.nonNegativeFinite("absoluteError.p99", p99);
        Checks.nonNegativeFinite("absoluteError.max", max);
    }
}
