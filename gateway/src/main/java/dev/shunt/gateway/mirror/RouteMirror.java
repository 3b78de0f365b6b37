package dev.shunt.gateway.mirror;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.MirrorConfig;
import dev.shunt.gateway.cutover.CountingSplit;
import dev.shunt.gateway.shadow.ShadowComparator;
import dev.shunt.gateway.shadow.ShadowReport;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One route's mirroring state: its settings, the counting samplers, the in-flight count that bounds
 * it, and the shadow report its comparisons go to.
 */
public final class RouteMirror {

    private final String route;
    private final MirrorConfig config;
    private final CountingSplit sample;
    private final CountingSplit noise;
    private final AtomicInteger inFlight;
    private final ShadowComparator comparator;
    private final ShadowReport report;

    RouteMirror(String route, MirrorConfig config, AtomicInteger inFlight, ShadowReport report) {
        this.route = requireNonNull(route, "route");
        this.config = requireNonNull(config, "config");
        this.sample = new CountingSplit(config.percent());
        this.noise = new CountingSplit(config.noisePercent());
        this.inFlight = requireNonNull(inFlight, "inFlight");
        this.comparator = new ShadowComparator(config.tolerance());
        this.report = requireNonNull(report, "report");
    }

    public String route() {
        return route;
    }

    public MirrorConfig config() {
        return config;
    }

    /** Counts a request; true when it is one of the sampled share. */
    boolean sampled() {
        return sample.next();
    }

    /** Counts a mirrored request; true when it also goes to a second primary replica. */
    boolean noiseSampled() {
        return noise.next();
    }

    /** Takes an in-flight slot, or false when {@code maxInFlight} mirrors are already out. */
    boolean tryAcquire() {
        while (true) {
            int now = inFlight.get();
            if (now >= config.maxInFlight()) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    /** Mirrors out now. */
    public int inFlight() {
        return inFlight.get();
    }

    ShadowComparator comparator() {
        return comparator;
    }

    /** Where this route's comparisons are kept. */
    public ShadowReport report() {
        return report;
    }

    AtomicInteger inFlightCounter() {
        return inFlight;
    }
}
