package dev.shunt.gateway.config;

import java.time.Duration;

/**
 * A backend's circuit breaker (Resilience4j, count-based window): it opens when at least
 * {@code minimumCalls} of the last {@code slidingWindow} calls were made and {@code failureRatePercent}
 * of them failed, stays open for {@code openFor}, then lets {@code halfOpenCalls} probe calls through.
 */
public record BreakerConfig(double failureRatePercent, int slidingWindow, int minimumCalls, Duration openFor,
        int halfOpenCalls) {

    public BreakerConfig {
        Checks.between("breaker.failureRatePercent", failureRatePercent, 1, 100);
        Checks.between("breaker.slidingWindow", slidingWindow, 1, 10_000);
        Checks.between("breaker.minimumCalls", minimumCalls, 1, 10_000);
        Checks.positive("breaker.openFor", openFor);
        Checks.between("breaker.halfOpenCalls", halfOpenCalls, 1, 1000);
    }

    /** 50% of the last 20 calls (at least 10), open for 5 s, 3 probes. */
    public static BreakerConfig ofDefaults() {
        return new BreakerConfig(50, 20, 10, Duration.ofSeconds(5), 3);
    }
}
