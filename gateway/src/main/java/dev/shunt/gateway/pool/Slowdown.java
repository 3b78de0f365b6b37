package dev.shunt.gateway.pool;

/**
 * How much longer a pool's answers take end to end, as the gateway sees them, than its learned curve
 * foretold when each was sent: an exponentially weighted mean of the ratios ({@code decay} per answer),
 * starting at 1. It carries what the backends' compute time leaves out (HTTP, decoding, a CPU they share
 * with other work), so an admission estimate times it is in the units the client waits in. Thread-safe.
 */
final class Slowdown {

    private static final double MIN = 1e-3;
    private static final double MAX = 1e4;

    private final double decay;
    private double value = 1;

    /** @param decay how much each answer fades the ones before it, 0..1 */
    Slowdown(double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay: " + decay + " (expected: between 0 and 1)");
        }
        this.decay = decay;
    }

    /** One answer took {@code actualNanos} where {@code foretoldNanos} were foretold. */
    synchronized void observe(double actualNanos, double foretoldNanos) {
        if (!(actualNanos > 0) || !(foretoldNanos > 0) || Double.isInfinite(actualNanos) || Double.isInfinite(foretoldNanos)) {
            return;
        }
        double ratio = Math.min(MAX, Math.max(MIN, actualNanos / foretoldNanos));
        value += decay * (ratio - value);
    }

    synchronized double value() {
        return value;
    }
}
