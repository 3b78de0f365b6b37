package dev.shunt.gateway.shadow;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A route's shadow validation over the current window, immutable and ready to write as JSON (no
 * {@code Optional}, no {@code java.time} types; absent figures are {@code null}). Agreement figures
 * are shares of the window's samples, except {@code numericAgreement} (of the samples whose
 * structures matched) and {@code top1Agreement} (of the samples with classification outputs).
 *
 * <p>{@code adjustedAgreement} applies the noise floor: a sample that disagreed on values alone
 * (status, structure and top-1 fine) counts as agreeing when its max absolute error is at most the
 * noise floor's p99 absolute error, since two replicas of the primary differ that much too. Without
 * noise samples it equals {@code agreement}. The verdict judges {@code adjustedAgreement}.
 *
 * @param route the route
 * @param samples shadow-vs-primary comparisons in the window
 * @param statusAgreement share with the same status
 * @param structureAgreement share with the same output names, shapes and datatypes
 * @param numericAgreement share of structure-matched samples whose values agree within tolerance
 * @param top1Agreement share of samples with classification outputs whose top-1 classes agree;
 *     null when there were none
 * @param agreement share that agreed in every respect
 * @param adjustedAgreement {@code agreement} with disagreements inside the noise floor excused
 * @param absoluteError quantiles of the max absolute error of structure-matched samples
 * @param primaryLatency the primary's latency quantiles
 * @param shadowLatency the shadow's latency quantiles
 * @param p99Ratio shadow p99 / primary p99 latency; 0 without samples
 * @param shadowErrorRate share of samples where the shadow gave no answer or a 5xx
 * @param primaryErrorRate share of samples where the primary gave no answer or a 5xx
 * @param noise the primary-vs-primary noise floor; null when there were no noise samples
 * @param recentMismatches the last mismatches, newest first (at most 10; not limited to the window)
 * @param verdict READY when every criterion holds
 * @param reasons each failed criterion with its figure and limit, e.g. {@code "samples 42 < 100"};
 *     empty exactly when READY
 */
public record Snapshot(String route, long samples, double statusAgreement, double structureAgreement,
        double numericAgreement, Double top1Agreement, double agreement, double adjustedAgreement,
        ErrorQuantiles absoluteError, LatencyQuantiles primaryLatency, LatencyQuantiles shadowLatency,
        double p99Ratio, double shadowErrorRate, double primaryErrorRate, NoiseFloor noise,
        List<Mismatch> recentMismatches, Verdict verdict, List<String> reasons) {

    public Snapshot {
        requireNonNull(route, "route");
        Checks.nonNegative("snapshot.samples", samples);
        Checks.fraction("snapshot.statusAgreement", statusAgreement);
        Checks.fraction("snapshot.structureAgreement", structureAgreement);
        Checks.fraction("snapshot.numericAgreement", numericAgreement);
        if (top1Agreement != null) {
            Checks.fraction("snapshot.top1Agreement", top1Agreement);
        }
        Checks.fraction("snapshot.agreement", agreement);
        Checks.fraction("snapshot.adjustedAgreement", adjustedAgreement);
        requireNonNull(absoluteError, "absoluteError");
        requireNonNull(primaryLatency, "primaryLatency");
        requireNonNull(shadowLatency, "shadowLatency");
        Checks.nonNegativeFinite("snapshot.p99Ratio", p99Ratio);
        Checks.fraction("snapshot.shadowErrorRate", shadowErrorRate);
        Checks.fraction("snapshot.primaryErrorRate", primaryErrorRate);
        recentMismatches = List.copyOf(requireNonNull(recentMismatches, "recentMismatches"));
        requireNonNull(verdict, "verdict");
        reasons = List.copyOf(requireNonNull(reasons, "reasons"));
        if ((verdict == Verdict.READY) != reasons.isEmpty()) {
            throw new IllegalArgumentException("snapshot.verdict: " + verdict + " (expected: READY exactly when there are no reasons)");
        }
    }
}
