package dev.shunt.routing.latency;

import java.util.List;

/**
 * A service time line {@code fixed + perRow x rows} fitted by least squares through a curve's medians, for
 * a pool's prior before any answer. Neither part is negative: a fit that would go below zero at no rows
 * is refitted through the origin, one whose slope would be negative is the flat mean.
 *
 * @param fixedMs the part of a pass that does not grow with its rows, {@code >= 0}
 * @param perRowMs what each row adds, {@code >= 0}
 */
public record LinearFit(double fixedMs, double perRowMs) {

    public LinearFit {
        if (!(fixedMs >= 0) || Double.isInfinite(fixedMs)) {
            throw new IllegalArgumentException("fixedMs: " + fixedMs + " (expected: a finite number >= 0)");
        }
        if (!(perRowMs >= 0) || Double.isInfinite(perRowMs)) {
            throw new IllegalArgumentException("perRowMs: " + perRowMs + " (expected: a finite number >= 0)");
        }
    }

    /** The line through the p50 points of {@code rows} whose batch size is at most {@code maxBatchSize}. */
    public static LinearFit ofMedians(List<CurveFile.Row> rows, long maxBatchSize) {
        List<CurveFile.Row> used = rows.stream().filter(r -> r.batchSize() <= maxBatchSize).toList();
        if (used.isEmpty()) {
            throw new IllegalArgumentException("no batch size <= " + maxBatchSize + " (expected: at least one to fit)");
        }
        double n = used.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (CurveFile.Row r : used) {
            double x = r.batchSize();
            sx += x;
            sy += r.p50Ms();
            sxx += x * x;
            sxy += x * r.p50Ms();
        }
        double spread = n * sxx - sx * sx;
        double slope = spread == 0 ? 0 : (n * sxy - sx * sy) / spread;
        if (slope <= 0) {
            return new LinearFit(sy / n, 0);
        }
        double intercept = (sy - slope * sx) / n;
        return intercept >= 0 ? new LinearFit(intercept, slope) : new LinearFit(0, sxy / sxx);
    }

    /** The fitted median service time of a pass of {@code rows} rows, in milliseconds. */
    public double at(long rows) {
        return fixedMs + perRowMs * rows;
    }
}
