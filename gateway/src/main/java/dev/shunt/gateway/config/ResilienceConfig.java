package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Retries and default deadlines.
 *
 * @param maxRetries retries on another backend for failures that never reached the model (0 or 1)
 * @param retryBudgetPercent retries may add at most this share of extra requests (e.g. 10)
 * @param classDeadlines the deadline of a request without {@code X-Request-Timeout-Ms}, per latency class
 * @param forwardTimeoutParameter also put the remaining deadline into the body as the v2 {@code timeout}
 *     request parameter (microseconds, honoured by Triton and Shunt's servers), besides the header
 */
public record ResilienceConfig(int maxRetries, double retryBudgetPercent, Map<LatencyClass, Duration> classDeadlines,
        boolean forwardTimeoutParameter) {

    public ResilienceConfig {
        Checks.between("resilience.maxRetries", maxRetries, 0, 1);
        Checks.between("resilience.retryBudgetPercent", retryBudgetPercent, 0, 100);
        requireNonNull(classDeadlines, "classDeadlines");
        EnumMap<LatencyClass, Duration> copy = new EnumMap<>(LatencyClass.class);
        for (LatencyClass c : LatencyClass.values()) {
            Duration d = classDeadlines.get(c);
            if (d == null) {
                throw new IllegalArgumentException("resilience.classDeadlines." + c.wireName() + ": missing (expected: a duration > 0)");
            }
            copy.put(c, Checks.positive("resilience.classDeadlines." + c.wireName(), d));
        }
        classDeadlines = Map.copyOf(copy);
    }

    /** One retry within a 10% budget; deadlines realtime 200 ms, standard 2 s, batch 30 s; timeout parameter on. */
    public static ResilienceConfig ofDefaults() {
        return new ResilienceConfig(1, 10, Map.of(LatencyClass.REALTIME, Duration.ofMillis(200),
                LatencyClass.STANDARD, Duration.ofSeconds(2), LatencyClass.BATCH, Duration.ofSeconds(30)), true);
    }
}
