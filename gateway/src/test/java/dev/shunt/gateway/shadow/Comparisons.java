package dev.shunt.gateway.shadow;

import java.util.Optional;

/** Ready-made comparisons for report tests; latencies in microseconds so histograms hold them exactly. */
final class Comparisons {

    private Comparisons() {}

    static Comparison agreeing(long primaryMicros, long shadowMicros) {
        return new Comparison(true, true, true, 0, 0, Optional.empty(), nanos(primaryMicros), nanos(shadowMicros),
                false, false, "");
    }

    static Comparison agreeing() {
        return agreeing(100, 100);
    }

    /** Status and structure fine, values off by {@code maxAbs}. */
    static Comparison numericOff(double maxAbs) {
        return new Comparison(true, true, false, maxAbs, maxAbs, Optional.empty(), nanos(100), nanos(100),
                false, false, "output y max abs error " + maxAbs + " > tolerance");
    }

    /** The shadow answered 503. */
    static Comparison shadowError() {
        return new Comparison(false, false, false, 0, 0, Optional.empty(), nanos(100), nanos(100),
                false, true, "status 200 vs 503");
    }

    /** A classification comparison, top-1 agreeing or not (values within tolerance). */
    static Comparison classification(boolean top1) {
        return new Comparison(true, true, true, 0.001, 0.01, Optional.of(top1), nanos(100), nanos(100),
                false, false, top1 ? "" : "output y top-1 differs in 1 of 2 rows");
    }

    private static long nanos(long micros) {
        return micros * 1000;
    }
}
