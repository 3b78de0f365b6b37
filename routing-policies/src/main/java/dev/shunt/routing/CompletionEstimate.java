package dev.shunt.routing;

import dev.shunt.routing.latency.ServiceCurve;

/**
 * When a request would be answered by a pool, from its learned curve and its backlog: the request's
 * own service time plus the longer of the wait its backends recently reported and the work already
 * in flight on the least busy backend that could take it ({@code inFlight / concurrency} typical
 * requests).
 */
final class CompletionEstimate {

    private CompletionEstimate() {}

    /** Nanoseconds until the answer; {@link Double#NaN} when the pool cannot take the request or has no curve. */
    static double nanos(long rows, PoolSnapshot pool, int concurrency) {
        if (pool.curve().isEmpty()) {
            return Double.NaN;
        }
        int ahead = pool.leastInFlight();
        if (ahead < 0) {
            return Double.NaN;
        }
        ServiceCurve curve = pool.curve().get();
        double backlog = (double) ahead / concurrency * curve.serviceNanos(Math.round(curve.meanRows()));
        return curve.serviceNanos(rows) + Math.max(curve.queueNanos(), backlog);
    }
}
