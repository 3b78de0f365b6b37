package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How many workers the CPU pool runs and how many intra-op threads each uses, and why.
 *
 * @param workers worker threads, each running one request at a time
 * @param intraOpThreads threads the engine may use inside one request
 * @param usableCores the usable physical cores the decision was made for
 * @param oversubscribed whether {@code workers x intraOpThreads} exceeds {@code usableCores}
 * @param explanation one line saying how the numbers were chosen
 * @param warnings what the operator should know (empty when the pool fits the cores)
 */
public record SizingDecision(
        int workers,
        int intraOpThreads,
        int usableCores,
        boolean oversubscribed,
        String explanation,
        List<String> warnings) {

    public SizingDecision {
        if (workers < 1) {
            throw new IllegalArgumentException("workers: " + workers + " (expected: > 0)");
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads: " + intraOpThreads + " (expected: > 0)");
        }
        if (usableCores < 1) {
            throw new IllegalArgumentException("usableCores: " + usableCores + " (expected: > 0)");
        }
        requireNonNull(explanation, "explanation");
        warnings = List.copyOf(requireNonNull(warnings, "warnings"));
    }
}
