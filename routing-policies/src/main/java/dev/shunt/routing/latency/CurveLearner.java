package dev.shunt.routing.latency;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Learns a pool's {@link ServiceCurve} online: a weighted least-squares fit of service time against
 * rows where every answer counts {@code 1} and all that came before is multiplied by
 * {@code 1 - decay}, so old answers fade (about {@code 1/decay} answers make up the curve) and the
 * curve follows drift. The wait before compute and the mean size are moving averages with the same
 * decay.
 *
 * <p>It starts from a configured prior, entered as pseudo-answers at 1 and at {@code priorRows} rows.
 * A pool that gets no answer for longer than {@code relax} drifts back to the prior: beyond that
 * quiet time, weight moves from what was learned to the prior with {@code relax} as the time constant
 * (after one more, 37% of the learned weight is left; after five, under 1%). So a pool that stopped
 * getting traffic because it looked slow is tried again once its estimate has relaxed, and is learned
 * afresh from its next answers, while a pool that answers at least once per {@code relax} never
 * drifts. With answers of a single size the slope stays the prior's and only the level moves. Time is passed in
 * (nanoseconds on any monotonic clock); thread-safe.
 */
public final class CurveLearner {

    private final double decay;
    private final double relaxNanos;
    private final double priorSlope;
    private final Sums prior = new Sums();
    private final Sums sums = new Sums();
    private final double priorQueue;
    private double queue;
    private double meanRows = 1;
    private long samples;
    private long answeredNanos;
    /** The curve as of the last answer: what {@link #curve(long)} gives within {@code relax} of it. */
    private ServiceCurve learned;

    /**
     * @param prior the curve before any answer
     * @param priorWeight how many answers the prior is worth ({@code > 0}; it fades as they come)
     * @param priorRows the second size the prior is entered at (the first is 1), {@code > 1}
     * @param decay the fading per answer, in (0, 1)
     * @param relax the time constant of the pull back to the prior while no answers come
     * @param nowNanos the time of the start
     */
    public CurveLearner(ServiceCurve prior, double priorWeight, long priorRows, double decay, Duration relax,
            long nowNanos) {
        requireNonNull(prior, "prior");
        requireNonNull(relax, "relax");
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay: " + decay + " (expected: between 0 and 1)");
        }
        if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("priorWeight: " + priorWeight + " (expected: > 0)");
        }
        if (priorRows < 2) {
            throw new IllegalArgumentException("priorRows: " + priorRows + " (expected: > 1)");
        }
        if (relax.isNegative() || relax.isZero()) {
            throw new IllegalArgumentException("relax: " + relax + " (expected: > 0)");
        }
        this.decay = decay;
        this.relaxNanos = relax.toNanos();
        this.priorSlope = prior.perRowNanos();
        this.prior.add(1, prior.serviceNanos(1), priorWeight / 2);
        this.prior.add(priorRows, prior.serviceNanos(priorRows), priorWeight / 2);
        this.sums.set(this.prior);
        this.priorQueue = prior.queueNanos();
        this.queue = priorQueue;
        this.answeredNanos = nowNanos;
        this.learned = fit(sums, queue);
    }

    /** A learner that never relaxes toward its prior, for callers without a clock (simulations in answers). */
    public CurveLearner(ServiceCurve prior, double priorWeight, long priorRows, double decay) {
        this(prior, priorWeight, priorRows, decay, Duration.ofDays(36_500), 0);
    }

    /** One answer, at the time of the last one (no relaxation in between). */
    public synchronized void observe(long rows, double serviceNanos, double queueNanos) {
        observe(answeredNanos, rows, serviceNanos, queueNanos);
    }

    /** The curve as of the last answer. */
    public synchronized ServiceCurve curve() {
        return curve(answeredNanos);
    }

    /**
     * One answer.
     *
     * @param rows the rows its compute covered (a batch's rows when the backend batched it)
     * @param serviceNanos its compute time ({@code X-Compute-Ms}), or its whole upstream time without one
     * @param queueNanos the wait before compute ({@code X-Queue-Ms}); 0 when unknown
     */
    public synchronized void observe(long nowNanos, long rows, double serviceNanos, double queueNanos) {
        if (rows < 1 || !(serviceNanos >= 0) || !(queueNanos >= 0) || Double.isInfinite(serviceNanos)) {
            return; // nothing sensible to learn from
        }
        double keep = keep(nowNanos);
        sums.scale(keep);
        sums.addScaled(prior, 1 - keep);
        queue = keep * queue + (1 - keep) * priorQueue;
        answeredNanos = Math.max(answeredNanos, nowNanos);
        sums.scale(1 - decay);
        sums.add(rows, serviceNanos, 1);
        queue = (1 - decay) * queue + decay * queueNanos;
        meanRows = samples == 0 ? rows : (1 - decay) * meanRows + decay * rows;
        samples++;
        learned = fit(sums, queue);
    }

    /** The curve as learned by now. */
    public synchronized ServiceCurve curve(long nowNanos) {
        double keep = keep(nowNanos);
        if (keep == 1) {
            return learned; // read on every routing decision: fitted once per answer, not per read
        }
        Sums now = new Sums();
        now.set(sums);
        now.scale(keep);
        now.addScaled(prior, 1 - keep);
        return fit(now, keep * queue + (1 - keep) * priorQueue);
    }

    /** The least-squares line through {@code now}, with {@code wait} as the wait before compute. */
    private ServiceCurve fit(Sums now, double wait) {
        double weight = now.weight;
        double meanX = now.x / weight;
        double meanY = now.y / weight;
        double varX = now.xx / weight - meanX * meanX;
        double slope = varX > 1e-9 * Math.max(1, meanX * meanX) ? (now.xy / weight - meanX * meanY) / varX : priorSlope;
        slope = Math.max(0, slope);
        double fixed = Math.max(0, meanY - slope * meanX);
        return new ServiceCurve(fixed, slope, Math.max(0, wait), Math.max(1, meanRows), samples);
    }

    /** The share of what was learned still held at {@code nowNanos}: all of it within {@code relax} of the last answer. */
    private double keep(long nowNanos) {
        double quiet = (double) (nowNanos - answeredNanos) - relaxNanos;
        return quiet <= 0 ? 1 : Math.exp(-quiet / relaxNanos);
    }

    /** Weighted sums of a least-squares fit. */
    private static final class Sums {
        double weight;
        double x;
        double xx;
        double y;
        double xy;

        void add(double rows, double nanos, double w) {
            weight += w;
            x += w * rows;
            xx += w * rows * rows;
            y += w * nanos;
            xy += w * rows * nanos;
        }

        void scale(double k) {
            weight *= k;
            x *= k;
            xx *= k;
            y *= k;
            xy *= k;
        }

        void addScaled(Sums other, double k) {
            weight += k * other.weight;
            x += k * other.x;
            xx += k * other.xx;
            y += k * other.y;
            xy += k * other.xy;
        }

        void set(Sums other) {
            weight = other.weight;
            x = other.x;
            xx = other.xx;
            y = other.y;
            xy = other.xy;
        }
    }
}
