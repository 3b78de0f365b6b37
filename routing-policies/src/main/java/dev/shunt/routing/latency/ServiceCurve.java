package dev.shunt.routing.latency;

/**
 * A pool's latency as last learned, immutable: service time {@code fixed + perRow·rows}, the wait its
 * backends report before work starts, and the typical request size.
 *
 * @param fixedNanos service time independent of size, {@code >= 0}
 * @param perRowNanos service time per row, {@code >= 0}
 * @param queueNanos the recent wait inside the backends before compute started ({@code X-Queue-Ms})
 * @param meanRows the recent mean rows per request, {@code >= 1}
 * @param samples answers learned from since start (0: the curve is the configured prior alone)
 */
public record ServiceCurve(double fixedNanos, double perRowNanos, double queueNanos, double meanRows, long samples) {

    public ServiceCurve {
        nonNegative("fixedNanos", fixedNanos);
        nonNegative("perRowNanos", perRowNanos);
        nonNegative("queueNanos", queueNanos);
        if (!(meanRows >= 1)) {
            throw new IllegalArgumentException("meanRows: " + meanRows + " (expected: >= 1)");
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples: " + samples + " (expected: >= 0)");
        }
    }

    /** A prior: {@code fixed + perRow·rows}, nothing learned yet. */
    public static ServiceCurve prior(double fixedNanos, double perRowNanos) {
        return new ServiceCurve(fixedNanos, perRowNanos, 0, 1, 0);
    }

    /** The service time of a request of {@code rows} rows, in nanoseconds. */
    public double serviceNanos(long rows) {
        return fixedNanos + perRowNanos * Math.max(1, rows);
    }

    /**
     * Nanoseconds until a request of {@code rows} rows is answered by a backend that already has {@code ahead}
     * requests in flight and works on {@code concurrency} at once: its own service time plus the typical
     * requests queued beyond the workers ahead of it, shared among them (a free worker starts it at once).
     */
    public double completionNanos(long rows, int ahead, int concurrency) {
        int workers = Math.max(1, concurrency);
        int queued = Math.max(0, ahead - workers + 1);
        return serviceNanos(rows) + (double) queued / workers * serviceNanos(Math.round(meanRows));
    }

    /**
     * The time of one backend a request of {@code rows} rows takes up: its service time shared among
     * the backend's {@code concurrency} workers; on a {@code batching} backend the fixed part of a pass
     * is shared by the rows in it (about {@link #meanRows()}).
     */
    public double backendNanos(long rows, int concurrency, boolean batching) {
        long r = Math.max(1, rows);
        double fixed = batching ? fixedNanos * Math.min(1, r / meanRows) : fixedNanos;
        return (fixed + perRowNanos * r) / Math.max(1, concurrency);
    }

    private static void nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a finite value >= 0)");
        }
    }
}
