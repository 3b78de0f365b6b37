package dev.shunt.loadtest.sim;

import dev.shunt.vocabulary.LatencyClass;
import java.util.EnumMap;
import java.util.Map;

/** Counts of outcomes per latency class over the measured window, and the total latency of met answers. */
final class Tally {

    private final Map<LatencyClass, long[]> counts = new EnumMap<>(LatencyClass.class);
    private double answeredNanos;
    private long answered;

    Tally() {
        for (LatencyClass c : LatencyClass.values()) {
            counts.put(c, new long[Outcome.values().length]);
        }
    }

    void record(SimRequest r, Outcome outcome, long now) {
        if (!r.counted) {
            return;
        }
        counts.get(r.latencyClass)[outcome.ordinal()]++;
        if (outcome == Outcome.MET || outcome == Outcome.LATE) {
            answered++;
            answeredNanos += now - r.arrival;
        }
    }

    long count(LatencyClass c, Outcome o) {
        return counts.get(c)[o.ordinal()];
    }

    long arrived(LatencyClass c) {
        long sum = 0;
        for (long n : counts.get(c)) {
            sum += n;
        }
        return sum;
    }

    /** Mean time from arrival to answer of the answered requests, nanoseconds; NaN when none. */
    double meanAnsweredNanos() {
        return answered == 0 ? Double.NaN : answeredNanos / answered;
    }
}
