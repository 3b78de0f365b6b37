package dev.shunt.gateway.shadow;

/**
 * How much two replicas of the primary disagree with each other on the same request: the noise
 * any candidate's disagreement is judged against (as Twitter's Diffy does).
 *
 * @param samples primary-vs-primary comparisons in the window
 * @param agreement the share of them that agreed
 * @param absoluteErrorP99 the 99th percentile of their max absolute errors
 */
public record NoiseFloor(long samples, double agreement, double absoluteErrorP99) {

    public NoiseFloor {
        Checks.nonNegative("noise.samples", samples);
        Checks.fraction("noise.agreement", agreement);
        Checks.nonNegativeFinite("noise.absoluteErrorP99", absoluteErrorP99);
    }
}
