package dev.shunt.gateway.cutover;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * How to move a route's primary traffic to a candidate pool: the share of each step (percent,
 * strictly increasing, ending at 100), how long each step bakes, and the criteria the candidate
 * must meet over a step's requests to advance: at most {@code maxErrorRate} errors, a p99 latency
 * of at most {@code maxP99}, and at least {@code minSamplesPerStep} requests.
 */
public record CutoverPlan(String route, String candidatePool, List<Double> steps, Duration bake,
        double maxErrorRate, Duration maxP99, int minSamplesPerStep) {

    /** The most steps a plan may have. */
    static final int MAX_STEPS = 100;

    /** The highest p99 the latency histogram tells apart; {@code maxP99} may not exceed it. */
    static final Duration MAX_TRACKED_LATENCY = Duration.ofHours(1);

    /** Steps have at most this many decimals, so that counting splits traffic exactly. */
    static final int MAX_STEP_DECIMALS = 4;

    public CutoverPlan {
        notBlank("route", route);
        notBlank("candidatePool", candidatePool);
        steps = checkSteps(steps);
        positive("bake", bake);
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new IllegalArgumentException(
                    "maxErrorRate: " + maxErrorRate + " (expected: 0 <= maxErrorRate <= 1)");
        }
        positive("maxP99", maxP99);
        if (maxP99.compareTo(MAX_TRACKED_LATENCY) > 0) {
            throw new IllegalArgumentException("maxP99: " + maxP99 + " (expected: <= " + MAX_TRACKED_LATENCY + ")");
        }
        if (minSamplesPerStep < 1) {
            throw new IllegalArgumentException("minSamplesPerStep: " + minSamplesPerStep + " (expected: >= 1)");
        }
    }

    /**
     * Steps 1, 5, 25, 50 and 100 percent, each baked 60 seconds over at least 20 requests, with at
     * most 1% errors and a p99 of at most 500 ms.
     */
    public static CutoverPlan ofDefaults(String route, String candidatePool) {
        return new CutoverPlan(route, candidatePool, List.of(1.0, 5.0, 25.0, 50.0, 100.0),
                Duration.ofSeconds(60), 0.01, Duration.ofMillis(500), 20);
    }

    /** A copy with other steps. */
    public CutoverPlan withSteps(List<Double> steps) {
        return new CutoverPlan(route, candidatePool, steps, bake, maxErrorRate, maxP99, minSamplesPerStep);
    }

    /** A copy with another bake time. */
    public CutoverPlan withBake(Duration bake) {
        return new CutoverPlan(route, candidatePool, steps, bake, maxErrorRate, maxP99, minSamplesPerStep);
    }

    /** A copy with other criteria. */
    public CutoverPlan withCriteria(double maxErrorRate, Duration maxP99, int minSamplesPerStep) {
        return new CutoverPlan(route, candidatePool, steps, bake, maxErrorRate, maxP99, minSamplesPerStep);
    }

    private static List<Double> checkSteps(List<Double> steps) {
        requireNonNull(steps, "steps");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("steps: [] (expected: at least one step)");
        }
        if (steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException(
                    "steps: " + steps.size() + " steps (expected: at most " + MAX_STEPS + ")");
        }
        for (int i = 0; i < steps.size(); i++) {
            Double step = steps.get(i);
            String name = "steps[" + i + "]: ";
            if (step == null) {
                throw new IllegalArgumentException(name + "null (expected: 0 < step <= 100)");
            }
            if (!(step > 0 && step <= 100)) {
                throw new IllegalArgumentException(name + show(step) + " (expected: 0 < step <= 100)");
            }
            if (BigDecimal.valueOf(step).stripTrailingZeros().scale() > MAX_STEP_DECIMALS) {
                throw new IllegalArgumentException(
                        name + show(step) + " (expected: at most " + MAX_STEP_DECIMALS + " decimals)");
            }
            if (i > 0 && step <= steps.get(i - 1)) {
                throw new IllegalArgumentException(
                        name + show(step) + " (expected: > steps[" + (i - 1) + "] = " + show(steps.get(i - 1)) + ")");
            }
        }
        double last = steps.get(steps.size() - 1);
        if (last != 100) {
            throw new IllegalArgumentException(
                    "steps[" + (steps.size() - 1) + "]: " + show(last) + " (expected: the last step is 100)");
        }
        return List.copyOf(steps);
    }

    private static String show(double step) {
        return Double.isFinite(step) ? Format.percent(step) : String.valueOf(step);
    }

    private static void notBlank(String name, String value) {
        requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: not blank)");
        }
    }

    private static void positive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
