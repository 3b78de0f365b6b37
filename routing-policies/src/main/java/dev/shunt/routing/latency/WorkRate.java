package dev.shunt.routing.latency;

/**
 * How much backend time a pool is asked for per unit of time: every routed request adds the backend
 * time it will take up, and the total fades exponentially with time constant {@code window}, so the
 * rate follows the traffic of about the last window. From it, {@link #replicas} gives the backends the
 * pool needs to carry that work at a target utilization. Time is passed in (nanoseconds on any
 * monotonic clock); thread-safe.
 */
public final class WorkRate {

    /** Fewer busy backends than this is no traffic: what is left of it after many windows. */
    private static final double IDLE = 1e-6;

    private final double windowNanos;
    private double total;
    private long lastNanos;

    /**
     * @param windowNanos the time constant of the fading, {@code > 0}
     * @param nowNanos the time of the start
     */
    public WorkRate(long windowNanos, long nowNanos) {
        if (windowNanos < 1) {
            throw new IllegalArgumentException("windowNanos: " + windowNanos + " (expected: > 0)");
        }
        this.windowNanos = windowNanos;
        this.lastNanos = nowNanos;
    }

    /** A request that will take up {@code backendNanos} of one backend's time. */
    public synchronized void add(long nowNanos, double backendNanos) {
        if (!(backendNanos >= 0) || Double.isInfinite(backendNanos)) {
            return;
        }
        fade(nowNanos);
        total += backendNanos;
    }

    /** Backends kept busy by the recent traffic (backend-seconds per second). */
    public synchronized double busyBackends(long nowNanos) {
        fade(nowNanos);
        return total / windowNanos;
    }

    /**
     * The backends needed to carry the recent traffic with each at most {@code targetUtilization} busy;
     * at least {@code min}.
     */
    public int replicas(long nowNanos, double targetUtilization, int min) {
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("targetUtilization: " + targetUtilization + " (expected: in (0, 1])");
        }
        double busy = busyBackends(nowNanos);
        double needed = busy < IDLE ? 0 : Math.ceil(busy / targetUtilization - 1e-9);
        return (int) Math.max(min, Math.min(Integer.MAX_VALUE, needed));
    }

    private void fade(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            total *= Math.exp(-elapsed / windowNanos);
            lastNanos = nowNanos;
        }
    }
}
