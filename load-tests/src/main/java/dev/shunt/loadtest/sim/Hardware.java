package dev.shunt.loadtest.sim;

import static java.util.Objects.requireNonNull;

import dev.shunt.routing.latency.CurveLearner;
import dev.shunt.routing.latency.ServiceCurve;
import java.time.Duration;

/**
 * What one backend of each kind is, what it costs, and how the gateway learns each pool's latency.
 *
 * @param cpuCurve a CPU worker's service time against rows
 * @param gpuCurve a GPU forward pass's time against batch rows
 * @param cpuWorkers requests a CPU backend serves at once, {@code > 0}
 * @param cpuMaxInFlight a CPU backend's bulkhead, {@code > 0}
 * @param gpuMaxBatchRows most rows a GPU backend joins into one pass, {@code > 0}
 * @param gpuMaxQueueDelay longest a GPU backend waits for more rows, {@code >= 0}
 * @param gpuMaxInFlight a GPU backend's bulkhead, {@code > 0}
 * @param cpuPricePerHour one CPU backend, dollars, {@code > 0}
 * @param gpuPricePerHour one GPU backend, dollars, {@code > 0}
 * @param priorWeight how many answers the learner's prior (the curve file's p50 line) is worth, {@code >= 0}
 * @param learnerDecay the learner's fading per answer, in (0, 1)
 */
public record Hardware(LatencyCurve cpuCurve, LatencyCurve gpuCurve, int cpuWorkers, int cpuMaxInFlight,
        int gpuMaxBatchRows, Duration gpuMaxQueueDelay, int gpuMaxInFlight, double cpuPricePerHour,
        double gpuPricePerHour, double priorWeight, double learnerDecay) {

    /** The second size the learner's prior is entered at (the first is 1). */
    static final long PRIOR_ROWS = 64;

    public Hardware {
        requireNonNull(cpuCurve, "cpuCurve");
        requireNonNull(gpuCurve, "gpuCurve");
        positive("cpuWorkers", cpuWorkers);
        positive("cpuMaxInFlight", cpuMaxInFlight);
        positive("gpuMaxBatchRows", gpuMaxBatchRows);
        positive("gpuMaxInFlight", gpuMaxInFlight);
        requireNonNull(gpuMaxQueueDelay, "gpuMaxQueueDelay");
        if (gpuMaxQueueDelay.isNegative()) {
            throw new IllegalArgumentException("gpuMaxQueueDelay: " + gpuMaxQueueDelay + " (expected: >= 0)");
        }
        if (!(cpuPricePerHour > 0) || !(gpuPricePerHour > 0)) {
            throw new IllegalArgumentException("prices: cpu " + cpuPricePerHour + ", gpu " + gpuPricePerHour
                    + " (expected: > 0)");
        }
        if (!(priorWeight >= 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("priorWeight: " + priorWeight + " (expected: >= 0)");
        }
        if (!(learnerDecay > 0 && learnerDecay < 1)) {
            throw new IllegalArgumentException("learnerDecay: " + learnerDecay + " (expected: between 0 and 1)");
        }
    }

    /** A fresh learner for a pool whose curve file is {@code curve}: its prior is the p50 line through 1 and 64 rows. */
    CurveLearner learner(LatencyCurve curve) {
        double one = curve.p50Nanos(1);
        double perRow = Math.max(0, (curve.p50Nanos(PRIOR_ROWS) - one) / (PRIOR_ROWS - 1));
        return new CurveLearner(ServiceCurve.prior(Math.max(0, one - perRow), perRow), priorWeight, PRIOR_ROWS,
                learnerDecay);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
