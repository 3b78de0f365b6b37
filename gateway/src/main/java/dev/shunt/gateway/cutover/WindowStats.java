package dev.shunt.gateway.cutover;

/** What the candidate did during one step: requests, errors, and p99 latency in milliseconds. */
record WindowStats(long samples, long errors, double p99Millis) {

    static final WindowStats EMPTY = new WindowStats(0, 0, 0);

    double errorRate() {
        return samples == 0 ? 0 : (double) errors / samples;
    }
}
