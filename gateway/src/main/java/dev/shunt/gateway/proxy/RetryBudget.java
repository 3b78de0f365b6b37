package dev.shunt.gateway.proxy;

/**
 * Bounds retries to a share of traffic: every request adds {@code percent / 100} of a token (up to a
 * cap), every retry spends one. With 10%, retries can add at most about 10% extra requests, so a
 * failing pool is not hit twice as hard. Thread-safe.
 */
final class RetryBudget {

    private final double perRequest;
    private final double cap;
    private double tokens;

    RetryBudget(double percent, double cap) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent: " + percent + " (expected: 0..100)");
        }
        this.perRequest = percent / 100;
        this.cap = cap;
        this.tokens = percent > 0 ? cap : 0;
    }

    synchronized void onRequest() {
        tokens = Math.min(cap, tokens + perRequest);
    }

    synchronized boolean tryRetry() {
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
