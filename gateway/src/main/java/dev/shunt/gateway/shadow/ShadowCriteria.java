package dev.shunt.gateway.shadow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a shadow candidate is ready to take live traffic: over the last {@code window}, at least
 * {@code minSamples} mirrored requests, an (adjusted) agreement of at least {@code minAgreement}, a
 * shadow p99 latency at most {@code maxP99Ratio} times the primary's, and a shadow error rate
 * (no answer or 5xx) of at most {@code maxErrorRate}.
 *
 * @param minSamples comparisons needed before a verdict can be READY, {@code > 0}
 * @param minAgreement the least share of agreeing comparisons, 0..1
 * @param maxP99Ratio the most shadow p99 / primary p99 latency, {@code > 0}
 * @param maxErrorRate the most share of shadow errors, 0..1
 * @param window how far back comparisons count, {@code > 0}
 */
public record ShadowCriteria(long minSamples, double minAgreement, double maxP99Ratio, double maxErrorRate,
        Duration window) {

    public ShadowCriteria {
        Checks.positive("criteria.minSamples", minSamples);
        Checks.fraction("criteria.minAgreement", minAgreement);
        Checks.positiveFinite("criteria.maxP99Ratio", maxP99Ratio);
        Checks.fraction("criteria.maxErrorRate", maxErrorRate);
        Checks.positive("criteria.window", window);
    }

    /** 100 samples, 99% agreement, p99 at most 1.5 times the primary's, 1% errors, over 5 minutes. */
    public static ShadowCriteria ofDefaults() {
        return new ShadowCriteria(100, 0.99, 1.5, 0.01, Duration.ofMinutes(5));
    }

    /**
     * Each criterion the figures fail, saying the figure and the limit, e.g. {@code "samples 42 < 100"};
     * empty when all hold.
     */
    List<String> failures(long samples, double agreement, double p99Ratio, double shadowErrorRate) {
        List<String> reasons = new ArrayList<>(4);
        if (samples < minSamples) {
            reasons.add("samples " + samples + " < " + minSamples);
        }
        if (agreement < minAgreement) {
            reasons.add("agreement " + Figures.fixed(agreement, 3) + " < " + Figures.fixed(minAgreement, 3));
        }
        if (p99Ratio > maxP99Ratio) {
            reasons.add("p99 ratio " + Figures.fixed(p99Ratio, 2) + " > " + Figures.fixed(maxP99Ratio, 2));
        }
        if (shadowErrorRate > maxErrorRate) {
            reasons.add("shadow error rate " + Figures.fixed(shadowErrorRate, 3) + " > " + Figures.fixed(maxErrorRate, 3));
        }
        return List.copyOf(reasons);
    }
}
