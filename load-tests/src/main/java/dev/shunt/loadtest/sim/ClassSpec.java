package dev.shunt.loadtest.sim;

import static java.util.Objects.requireNonNull;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Duration;

/**
 * One latency class of a workload.
 *
 * @param latencyClass the class
 * @param share its share of arrivals at the start, 0..1
 * @param minRows fewest rows of its requests, {@code >= 1}
 * @param maxRows most rows, {@code >= minRows}; rows are uniform between the two
 * @param deadline how long its client waits, {@code > 0}
 */
public record ClassSpec(LatencyClass latencyClass, double share, int minRows, int maxRows, Duration deadline) {

    public ClassSpec {
        requireNonNull(latencyClass, "latencyClass");
        String at = latencyClass.wireName() + ".";
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(at + "share: " + share + " (expected: 0..1)");
        }
        if (minRows < 1) {
            throw new IllegalArgumentException(at + "minRows: " + minRows + " (expected: >= 1)");
        }
        if (maxRows < minRows) {
            throw new IllegalArgumentException(at + "maxRows: " + maxRows + " (expected: >= minRows " + minRows + ")");
        }
        requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException(at + "deadline: " + deadline + " (expected: > 0)");
        }
    }

    /** The mean rows of its requests. */
    double meanRows() {
        return (minRows + maxRows) / 2.0;
    }
}
