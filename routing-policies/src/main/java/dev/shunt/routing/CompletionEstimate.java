package dev.shunt.routing;

import dev.shunt.routing.latency.ServiceCurve;

/**
 * When a request would be answered by a pool, from its learned curve and its backlog: the request's
 * own service time plus the wait before it starts, the longer of the wait the backends recently
 * reported and the work queued on the least busy backend that could take it (requests beyond its
 * {@code concurrency} in flight, each a typical request shared among its workers).
 */
final class CompletionEstimate {

    private CompletionEstimate() {}

    /** Nanoseconds until the answer; {@link Double#NaN} when the pool cannot take the request or has no curve. */
    static double nanos(long rows, PoolSnapshot pool, SloConfig.Pool settings) {
        double wait = waitNanos(pool, settings);
        return Double.isNaN(wait) ? Double.NaN : pool.curve().get().serviceNanos(rows) + wait;
    }

    /**
     * Nanoseconds of work queued on the pool's serving backends on average, beyond their workers: what
     * the next requests there, realtime ones included, will wait behind; {@link Double#NaN} without a curve.
     */
    static double meanQueuedNanos(PoolSnapshot pool, SloConfig.Pool settings) {
        if (pool.curve().isEmpty()) {
            return Double.NaN;
        }
        int concurrency = settings.concurrency();
        long inFlight = 0;
        int serving = 0;
        for (BackendSnapshot b : pool.backends()) {
            if (b.serving()) {
                inFlight += b.inFlight();
                serving++;
            }
        }
        if (serving == 0) {
            return Double.NaN;
        }
        ServiceCurve curve = pool.curve().get();
        double queued = Math.max(0, (double) inFlight / serving - concurrency);
        return queued / concurrency * curve.serviceNanos(Math.round(curve.meanRows()));
    }

    /** Nanoseconds a request would wait before its compute starts; {@link Double#NaN} as for {@link #nanos}. */
    static double waitNanos(PoolSnapshot pool, SloConfig.Pool settings) {
        if (pool.curve().isEmpty()) {
            return Double.NaN;
        }
        double backlog = backlogNanos(pool, settings.concurrency());
        return Double.isNaN(backlog) ? Double.NaN : Math.max(pool.curve().get().queueNanos(), backlog);
    }

    /**
     * Nanoseconds of work queued ahead of a new request on the least busy backend that could take it, from
     * the requests in flight now alone (not the backends' reported wait, which lags): the requests beyond
     * its {@code concurrency} workers, each a typical request; {@link Double#NaN} without a curve or when
     * no backend can take it.
     */
    static double backlogNanos(PoolSnapshot pool, int concurrency) {
        if (pool.curve().isEmpty()) {
            return Double.NaN;
        }
        int inFlight = pool.leastInFlight();
        if (inFlight < 0) {
            return Double.NaN;
        }
        ServiceCurve curve = pool.curve().get();
        return curve.completionNanos(1, inFlight, concurrency) - curve.serviceNanos(1);
    }
}
