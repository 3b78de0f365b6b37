package dev.shunt.loadtest.sim;

import dev.shunt.vocabulary.LatencyClass;

/**
 * Estimated requests per second a fleet sustains for a workload's mean mix, from the curves' means:
 * a CPU backend {@code workers / mean service time}; a GPU backend full batches back to back
 * ({@code maxBatchRows / pass time} rows per second over the mean rows per request). The hybrid
 * estimate adds its pools, as if traffic were split in the best proportions; it is a yardstick for
 * the load axis, not a prediction.
 */
final class Capacity {

    private Capacity() {}

    static double of(Fleet fleet, Hardware hw, Workload w) {
        return fleet.cpuBackends() * cpuBackend(hw, w) + fleet.gpuBackends() * gpuBackend(hw, w);
    }

    static double cpuBackend(Hardware hw, Workload w) {
        double meanNanos = 0;
        for (LatencyClass c : LatencyClass.values()) {
            ClassSpec spec = w.spec(c);
            double sum = 0;
            for (int rows = spec.minRows(); rows <= spec.maxRows(); rows++) {
                sum += hw.cpuCurve().meanNanos(rows);
            }
            meanNanos += w.meanShare(c) * sum / (spec.maxRows() - spec.minRows() + 1);
        }
        return hw.cpuWorkers() / (meanNanos / 1e9);
    }

    static double gpuBackend(Hardware hw, Workload w) {
        double rowsPerSecond = hw.gpuMaxBatchRows() / (hw.gpuCurve().meanNanos(hw.gpuMaxBatchRows()) / 1e9);
        return rowsPerSecond / meanRows(w);
    }

    static double meanRows(Workload w) {
        double rows = 0;
        for (LatencyClass c : LatencyClass.values()) {
            rows += w.meanShare(c) * w.spec(c).meanRows();
        }
        return rows;
    }
}
