package dev.shunt.routing.latency;

import static java.util.Objects.requireNonNull;

/**
 * Learns a pool's {@link ServiceCurve} online: a weighted least-squares fit of service time against
 * rows where every answer counts {@code 1} and all that came before is multiplied by
 * {@code 1 - decay}, so old answers fade (about {@code 1/decay} answers make up the curve) and the
 * curve follows drift. It starts from a configured prior, entered as pseudo-answers at 1 and at
 * {@code priorRows} rows that fade like any other. With answers of a single size the slope stays the
 * prior's and only the level moves. The wait before compute and the mean size are exponential moving
 * averages with the same decay. Thread-safe.
 */
public final class CurveLearner {

    private final double decay;
    private final double priorSlope;
    private double weight;
    private double sumX;
    private double sumXx;
    private double sumY;
    private double sumXy;
    private double queue;
    private double meanRows = 1;
    private long samples;

    /**
     * @param prior the curve before any answer
     * @param priorWeight how many answers the prior is worth (0..; it fades as they come)
     * @param priorRows the second size the prior is entered at (the first is 1), {@code > 1}
     * @param decay the fading per answer, in (0, 1)
     */
    public CurveLearner(ServiceCurve prior, double priorWeight, long priorRows, double decay) {
        requireNonNull(prior, "prior");
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay: " + decay + " (expected: between 0 and 1)");
        }
        if (!(priorWeight >= 0)) {
            throw new IllegalArgumentException("priorWeight: " + priorWeight + " (expected: >= 0)");
        }
        if (priorRows < 2) {
            throw new IllegalArgumentException("priorRows: " + priorRows + " (expected: > 1)");
        }
        this.decay = decay;
        this.priorSlope = prior.perRowNanos();
        double half = priorWeight / 2;
        add(1, prior.serviceNanos(1), half);
        add(priorRows, prior.serviceNanos(priorRows), half);
        this.queue = prior.queueNanos();
    }

    /**
     * One answer.
     *
     * @param rows the rows its compute covered (a batch's rows when the backend batched it)
     * @param serviceNanos its compute time ({@code X-Compute-Ms}), or its whole upstream time without one
     * @param queueNanos the wait before compute ({@code X-Queue-Ms}); 0 when unknown
     */
    public synchronized void observe(long rows, double serviceNanos, double queueNanos) {
        if (rows < 1 || !(serviceNanos >= 0) || !(queueNanos >= 0)) {
            return; // nothing sensible to learn from
        }
        double keep = 1 - decay;
        weight *= keep;
        sumX *= keep;
        sumXx *= keep;
        sumY *= keep;
        sumXy *= keep;
        add(rows, serviceNanos, 1);
        queue = samples == 0 ? queueNanos : keep * queue + decay * queueNanos;
        meanRows = samples == 0 ? rows : keep * meanRows + decay * rows;
        samples++;
    }

    /** The curve as learned now. */
    public synchronized ServiceCurve curve() {
        if (weight <= 0) {
            return new ServiceCurve(0, priorSlope, queue, Math.max(1, meanRows), samples);
        }
        double meanX = sumX / weight;
        double meanY = sumY / weight;
        double varX = sumXx / weight - meanX * meanX;
        double slope = varX > 1e-9 * Math.max(1, meanX * meanX) ? (sumXy / weight - meanX * meanY) / varX : priorSlope;
        slope = Math.max(0, slope);
        double fixed = Math.max(0, meanY - slope * meanX);
        return new ServiceCurve(fixed, slope, queue, Math.max(1, meanRows), samples);
    }

    private void add(double x, double y, double w) {
        weight += w;
        sumX += w * x;
        sumXx += w * x * x;
        sumY += w * y;
        sumXy += w * x * y;
    }
}
