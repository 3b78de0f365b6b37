package dev.shunt.gateway.pool;

/**
 * Bounds retries to a share of traffic: every request adds {@code percent / 100} of a token (up to a
 * cap), every retry spends one. With 10%, retries can add at most about 10% extra requests, so a
 * failing pool is not hit twice as hard. One per pool (Envoy keeps its {@code retry_budget} on the
 * cluster), rebuilt with the pool when a reload changes the pool's settings. Thread-safe.
 */
public final class RetryBudget {

    private final double perRequest;
    private final double cap;
    private double tokens;

    public RetryBudget(double percent, double cap) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent: " + percent + " (expected: 0..100)");
        }
        this.perRequest = percent / 100;
        this.cap = cap;
        this.tokens = percent > 0 ? cap : 0;
    }

    /** Counts one request sent to the pool. */
    public synchronized void onRequest() {
        tokens = Math.min(cap, tokens + perRequest);
    }

    /** Spends a token for one retry; false when the budget is spent. */
    public synchronized boolean tryRetry() {
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
