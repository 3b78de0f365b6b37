package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The CPUs this process may really use: the affinity mask (logical CPUs, and the physical cores
 * they sit on, SMT siblings counted once) and the cgroup CPU quota. Read by {@link CpuTopologyReader}.
 *
 * @param logicalCpus logical CPUs in the affinity mask (and online)
 * @param physicalCores physical cores those logical CPUs belong to
 * @param quotaCpus the cgroup CPU quota in CPUs (quota / period), empty when unlimited
 * @param quotaSource where the quota was read, e.g. {@code cgroup v2 cpu.max 150000/100000}
 * @param affinity the allowed CPUs as a kernel CPU list, e.g. {@code 0-3,8-11}
 * @param notes what could not be read and which fallback was used instead; empty when nothing was missing
 */
public record CpuTopology(
        int logicalCpus,
        int physicalCores,
        OptionalDouble quotaCpus,
        String quotaSource,
        String affinity,
        List<String> notes) {

    public CpuTopology {
        if (logicalCpus < 1) {
            throw new IllegalArgumentException("logicalCpus: " + logicalCpus + " (expected: > 0)");
        }
        if (physicalCores < 1 || physicalCores > logicalCpus) {
            throw new IllegalArgumentException(
                    "physicalCores: " + physicalCores + " (expected: > 0 and <= logicalCpus " + logicalCpus + ")");
        }
        requireNonNull(quotaCpus, "quotaCpus");
        if (quotaCpus.isPresent() && !(quotaCpus.getAsDouble() > 0 && Double.isFinite(quotaCpus.getAsDouble()))) {
            throw new IllegalArgumentException("quotaCpus: " + quotaCpus.getAsDouble() + " (expected: > 0)");
        }
        requireNonNull(quotaSource, "quotaSource");
        requireNonNull(affinity, "affinity");
        notes = List.copyOf(requireNonNull(notes, "notes"));
    }

    /**
     * Physical cores a CPU-bound pool can keep busy: the physical cores allowed, capped by the whole
     * CPUs of the quota (a 1.5-CPU quota keeps 1 core busy, not 2), and at least 1.
     */
    public int usablePhysicalCores() {
        int cores = physicalCores;
        if (quotaCpus.isPresent()) {
            cores = (int) Math.min(cores, Math.floor(quotaCpus.getAsDouble()));
        }
        return Math.max(1, cores);
    }

    /**
     * One line for logs and metadata, e.g. {@code quota 1.5 CPUs (cgroup v2 cpu.max 150000/100000),
     * affinity 0-3 = 4 logical / 2 physical cores -> 1 usable physical core}, followed by the notes.
     */
    public String explain() {
        StringBuilder out = new StringBuilder();
        if (quotaCpus.isPresent()) {
            double quota = quotaCpus.getAsDouble();
            out.append("quota ").append(formatCpus(quota)).append(quota == 1 ? " CPU" : " CPUs");
        } else {
            out.append("no CPU quota");
        }
        out.append(" (").append(quotaSource).append("), affinity ").append(affinity)
                .append(" = ").append(logicalCpus).append(" logical / ")
                .append(plural(physicalCores, "physical core"))
                .append(" -> ").append(plural(usablePhysicalCores(), "usable physical core"));
        for (String note : notes) {
            out.append("; ").append(note);
        }
        return out.toString();
    }

    /** {@code 1.5}, {@code 2}, {@code 0.33}: at most two decimals, no trailing zeros. */
    static String formatCpus(double cpus) {
        return BigDecimal.valueOf(cpus).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
