package dev.shunt.loadtest.sim;

import static java.util.Objects.requireNonNull;

import dev.shunt.routing.latency.CurveFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A pool kind's service time against batch size, from a curve file ({@link CurveFile}, one curve
 * per file for the simulator): p50 and p99 are interpolated
 * linearly between the listed batch sizes (held at the first below it, extended along the last two
 * points beyond the last), and a sample is drawn from the lognormal with that median and that p99.
 *
 * @param poolKind {@code cpu} or {@code gpu}
 * @param model the model the figures are for
 * @param points at least one, batch sizes strictly increasing
 * @param source the file it was read from, printed with the results
 */
public record LatencyCurve(String poolKind, String model, List<Point> points, String source) {

    /** The standard normal's 99th percentile. */
    static final double Z99 = 2.3263478740408408;

    /**
     * One listed batch size.
     *
     * @param batchSize rows in one forward pass, {@code >= 1}
     * @param p50Ms median service time, {@code > 0}
     * @param p99Ms 99th percentile, {@code >= p50Ms}
     */
    public record Point(long batchSize, double p50Ms, double p99Ms) {
        public Point {
            CurveFile.checkPoint(batchSize, p50Ms, p99Ms);
        }
    }

    public LatencyCurve {
        requireNonNull(poolKind, "poolKind");
        requireNonNull(model, "model");
        points = List.copyOf(requireNonNull(points, "points"));
        requireNonNull(source, "source");
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points: [] (expected: at least one batch size)");
        }
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).batchSize() <= points.get(i - 1).batchSize()) {
                throw new IllegalArgumentException("batch_size: " + points.get(i).batchSize()
                        + " (expected: > " + points.get(i - 1).batchSize() + ", sizes in increasing order)");
            }
        }
    }

    /** Reads {@code file}, naming it {@code name} in errors and as the curve's source. */
    public static LatencyCurve read(Path file, String name) {
        return of(name, CurveFile.read(file, name));
    }

    /** The curve of a file's rows, which must all be of one pool kind and model. */
    static LatencyCurve of(String name, List<CurveFile.Row> rows) {
        CurveFile.Row first = rows.get(0);
        for (CurveFile.Row r : rows) {
            if (!r.poolKind().equals(first.poolKind()) || !r.model().equals(first.model())) {
                throw new IllegalArgumentException(name + ":" + r.line() + ": pool_kind,model: " + r.poolKind() + ","
                        + r.model() + " (expected: " + first.poolKind() + "," + first.model() + ", one curve per file)");
            }
        }
        return new LatencyCurve(first.poolKind(), first.model(),
                rows.stream().map(r -> new Point(r.batchSize(), r.p50Ms(), r.p99Ms())).toList(), name);
    }

    /** The median service time of a batch of {@code rows} rows, in nanoseconds. */
    public double p50Nanos(long rows) {
        return interpolate(rows, true) * 1e6;
    }

    /** The 99th percentile service time of a batch of {@code rows} rows, in nanoseconds. */
    public double p99Nanos(long rows) {
        return interpolate(rows, false) * 1e6;
    }

    /** The mean of the lognormal at {@code rows} rows, in nanoseconds. */
    public double meanNanos(long rows) {
        double sigma = sigma(rows);
        return p50Nanos(rows) * Math.exp(sigma * sigma / 2);
    }

    /** One service time for a batch of {@code rows} rows, in nanoseconds. */
    public long sampleNanos(long rows, Random random) {
        return Math.round(p50Nanos(rows) * Math.exp(sigma(rows) * random.nextGaussian()));
    }

    private double sigma(long rows) {
        return Math.log(interpolate(rows, false) / interpolate(rows, true)) / Z99;
    }

    private double interpolate(long rows, boolean median) {
        Point first = points.get(0);
        if (points.size() == 1 || rows <= first.batchSize()) {
            return median ? first.p50Ms() : first.p99Ms();
        }
        int i = 1;
        while (i < points.size() - 1 && points.get(i).batchSize() < rows) {
            i++;
        }
        Point a = points.get(i - 1);
        Point b = points.get(i);
        double t = (double) (rows - a.batchSize()) / (b.batchSize() - a.batchSize());
        double ya = median ? a.p50Ms() : a.p99Ms();
        double yb = median ? b.p50Ms() : b.p99Ms();
        return Math.max(Double.MIN_NORMAL, ya + t * (yb - ya));
    }
}
