package dev.shunt.loadtest.sim;

/**
 * The policies' knobs.
 *
 * @param thresholdRows the size threshold's largest small request, {@code > 0}
 * @param sloMargin the slo policy's reserve, 0..0.9 (checked by {@link dev.shunt.routing.SloConfig})
 * @param sloRejectUnmeetable the slo policy refuses what no pool is expected to answer in time, rather than
 *     sending it to the fastest
 */
public record PolicySettings(int thresholdRows, double sloMargin, boolean sloRejectUnmeetable) {

    public PolicySettings {
        if (thresholdRows < 1) {
            throw new IllegalArgumentException("thresholdRows: " + thresholdRows + " (expected: > 0)");
        }
        if (!(sloMargin >= 0 && sloMargin <= 0.9)) {
            throw new IllegalArgumentException("sloMargin: " + sloMargin + " (expected: 0..0.9)");
        }
    }
}
