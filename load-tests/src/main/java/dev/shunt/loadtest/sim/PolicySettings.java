package dev.shunt.loadtest.sim;

/**
 * The policies' knobs.
 *
 * @param thresholdRows the size threshold's largest small request, {@code > 0}
 * @param sloMargin the slo policy's reserve, 0..0.9 (checked by {@link dev.shunt.routing.SloConfig})
 * @param sloRejectUnmeetable the slo policy refuses what no pool is expected to answer in time, rather than
 *     sending it to the fastest
 * @param sloProtectWait the slo policy's {@code protectWait}: standard and batch work leaves no longer wait
 *     than this on a pool; empty for none
 */
public record PolicySettings(int thresholdRows, double sloMargin, boolean sloRejectUnmeetable,
        java.util.Optional<java.time.Duration> sloProtectWait) {

    /** Without {@code protectWait}. */
    public PolicySettings(int thresholdRows, double sloMargin, boolean sloRejectUnmeetable) {
        this(thresholdRows, sloMargin, sloRejectUnmeetable, java.util.Optional.empty());
    }

    public PolicySettings {
        if (thresholdRows < 1) {
            throw new IllegalArgumentException("thresholdRows: " + thresholdRows + " (expected: > 0)");
        }
        if (!(sloMargin >= 0 && sloMargin <= 0.9)) {
            throw new IllegalArgumentException("sloMargin: " + sloMargin + " (expected: 0..0.9)");
        }
    }
}
