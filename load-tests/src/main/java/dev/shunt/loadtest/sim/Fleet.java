package dev.shunt.loadtest.sim;

import static java.util.Objects.requireNonNull;

/**
 * How many backends of each kind a fleet has.
 *
 * @param name {@code cpu-only}, {@code gpu-only}, {@code hybrid}
 * @param cpuBackends {@code >= 0}
 * @param gpuBackends {@code >= 0}, at least one backend in all
 */
public record Fleet(String name, int cpuBackends, int gpuBackends) {

    public Fleet {
        requireNonNull(name, "name");
        if (cpuBackends < 0 || gpuBackends < 0 || cpuBackends + gpuBackends == 0) {
            throw new IllegalArgumentException(name + ": " + cpuBackends + " cpu, " + gpuBackends
                    + " gpu (expected: counts >= 0, at least one backend)");
        }
    }

    /** Dollars per hour at the hardware's prices. */
    double costPerHour(Hardware hw) {
        return cpuBackends * hw.cpuPricePerHour() + gpuBackends * hw.gpuPricePerHour();
    }

    /** For the tables: {@code 40 cpu + 4 gpu}. */
    String shape() {
        if (gpuBackends == 0) {
            return cpuBackends + " cpu";
        }
        return cpuBackends == 0 ? gpuBackends + " gpu" : cpuBackends + " cpu + " + gpuBackends + " gpu";
    }
}
