package dev.shunt.gateway.shadow;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one mirrored request showed: whether the shadow's answer matches the primary's in status,
 * in structure (output names, shapes, datatypes) and in values, and how long each side took.
 *
 * <p>The sides {@link #agrees() agree} when all of status, structure and values match and, for
 * classification-shaped outputs, the top-1 class of every row is the same: a candidate whose
 * scores stay within tolerance but whose argmax flips on a near-tie still disagrees.
 *
 * @param statusMatch both sides answered with the same status
 * @param structureMatch both answered 2xx with decodable bodies holding the same outputs (by name),
 *     of the same shapes and datatypes
 * @param numericWithinTolerance the structures match and every element agrees within the
 *     {@link ShadowTolerance} (BYTES elements must be equal)
 * @param maxAbsoluteError the largest {@code |primary - shadow|} over all numeric elements; 0 when
 *     the structures do not match, infinite when a NaN met a number
 * @param maxRelativeError the largest {@code |primary - shadow| / max(|primary|, 1e-12)}
 * @param top1Agreement present when some output is classification-shaped (FP32 or FP64, shape
 *     {@code [C]} or {@code [N, C]} with {@code C >= 2}): whether every row's argmax is the same
 * @param primaryLatencyNanos the primary's latency
 * @param shadowLatencyNanos the shadow's latency
 * @param primaryError the primary gave no answer or a 5xx status
 * @param shadowError the shadow gave no answer or a 5xx status
 * @param reason why the sides disagree, e.g. {@code "status 200 vs 503"}; empty exactly when they agree
 */
public record Comparison(boolean statusMatch, boolean structureMatch, boolean numericWithinTolerance,
        double maxAbsoluteError, double maxRelativeError, Optional<Boolean> top1Agreement,
        long primaryLatencyNanos, long shadowLatencyNanos, boolean primaryError, boolean shadowError,
        String reason) {

    public Comparison {
        if (!(maxAbsoluteError >= 0)) {
            throw new IllegalArgumentException("comparison.maxAbsoluteError: " + maxAbsoluteError + " (expected: >= 0)");
        }
        if (!(maxRelativeError >= 0)) {
            throw new IllegalArgumentException("comparison.maxRelativeError: " + maxRelativeError + " (expected: >= 0)");
        }
        requireNonNull(top1Agreement, "top1Agreement");
        Checks.nonNegative("comparison.primaryLatencyNanos", primaryLatencyNanos);
        Checks.nonNegative("comparison.shadowLatencyNanos", shadowLatencyNanos);
        requireNonNull(reason, "reason");
        if (!structureMatch && (numericWithinTolerance || top1Agreement.isPresent())) {
            throw new IllegalArgumentException(
                    "comparison.structureMatch: false (expected: true when values or top-1 were compared)");
        }
        boolean agrees = statusMatch && structureMatch && numericWithinTolerance && top1Agreement.orElse(true);
        if (agrees != reason.isEmpty()) {
            throw new IllegalArgumentException("comparison.reason: \"" + reason + "\" (expected: empty exactly when the sides agree)");
        }
    }

    /** Whether the sides agree: status, structure, values and top-1 (where there is one) all match. */
    public boolean agrees() {
        return reason.isEmpty();
    }

    /**
     * Whether the only thing wrong is values out of tolerance (status, structure and top-1 fine):
     * the kind of disagreement a noise floor can excuse.
     */
    boolean numericOnlyDisagreement() {
        return statusMatch && structureMatch && !numericWithinTolerance && top1Agreement.orElse(true);
    }
}
