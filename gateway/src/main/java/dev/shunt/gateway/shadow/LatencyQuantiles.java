package dev.shunt.gateway.shadow;

/**
 * One side's latency quantiles over the window, in milliseconds (accurate to about 1%).
 *
 * @param p50Ms the median
 * @param p99Ms the 99th percentile
 */
public record LatencyQuantiles(double p50Ms, double p99Ms) {

    public LatencyQuantiles {
        Checks.nonNegativeFinite("latency.p50Ms", p50Ms);
        Checks.nonNegativeFinite("latency.p99Ms", p99Ms);
    }
}
