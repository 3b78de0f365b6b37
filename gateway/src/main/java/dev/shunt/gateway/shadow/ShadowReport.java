package dev.shunt.gateway.shadow;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects shadow comparisons per route over a rolling time window and judges each route's
 * candidate against {@link ShadowCriteria}. Besides candidate comparisons it takes noise samples,
 * primary-vs-primary comparisons of the same request (Twitter Diffy's noise floor), which excuse
 * candidate disagreements of the same size; see {@link Snapshot} for the rule.
 *
 * <p>Thread-safe, with bounded memory: each route keeps a ring of 10-second buckets covering the
 * window (at most 360; longer windows get wider buckets) and its last 10 mismatches, and at most
 * 256 routes are tracked: samples of further routes are dropped.
 */
public final class ShadowReport {

    static final int MAX_ROUTES = 256;

    private final ShadowCriteria criteria;
    private final Clock clock;
    private final Map<String, RouteWindow> windows = new ConcurrentHashMap<>();

    public ShadowReport(ShadowCriteria criteria, Clock clock) {
        this.criteria = requireNonNull(criteria, "criteria");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The criteria verdicts are judged by. */
    public ShadowCriteria criteria() {
        return criteria;
    }

    /**
     * Records the comparison of the shadow's answer to a request with the primary's.
     *
     * @return false when it was dropped because {@value #MAX_ROUTES} other routes are tracked already
     */
    public boolean record(String route, String requestId, Comparison c) {
        requireNonNull(route, "route");
        requireNonNull(requestId, "requestId");
        requireNonNull(c, "c");
        RouteWindow window = windowFor(route);
        if (window == null) {
            return false;
        }
        window.record(clock.instant(), requestId, c);
        return true;
    }

    /**
     * Records a noise sample: the comparison of two replicas of the primary answering the same request.
     *
     * @return false when it was dropped because {@value #MAX_ROUTES} other routes are tracked already
     */
    public boolean recordNoise(String route, Comparison c) {
        requireNonNull(route, "route");
        requireNonNull(c, "c");
        RouteWindow window = windowFor(route);
        if (window == null) {
            return false;
        }
        window.recordNoise(clock.instant(), c);
        return true;
    }

    /** The routes with samples recorded (ever), sorted. */
    public Set<String> routes() {
        return Collections.unmodifiableSet(new TreeSet<>(windows.keySet()));
    }

    /** The route's figures and verdict over the window ending now; all zero and NOT_READY for an unknown route. */
    public Snapshot snapshot(String route) {
        return snapshot(route, List.of());
    }

    /** This replica's window of the route as of now, for the leader to merge. */
    public ShadowWindow window(String route) {
        requireNonNull(route, "route");
        RouteWindow window = windows.get(route);
        return window == null ? new ShadowWindow(new Tally(), List.of())
                : new ShadowWindow(window.total(clock.instant()), window.mismatches());
    }

    /**
     * The route's figures and verdict over this replica's window and other replicas' windows of it,
     * summed exactly; the recent mismatches are the newest of all.
     */
    public Snapshot snapshot(String route, List<ShadowWindow> peers) {
        requireNonNull(route, "route");
        requireNonNull(peers, "peers");
        ShadowWindow own = window(route);
        Tally t = own.tally();
        List<Mismatch> mismatches = new java.util.ArrayList<>(own.mismatches());
        for (ShadowWindow peer : peers) {
            t.addAll(peer.tally());
            mismatches.addAll(peer.mismatches());
        }
        if (!peers.isEmpty()) {
            mismatches.sort(java.util.Comparator.comparing(Mismatch::at).reversed());
            mismatches = mismatches.subList(0, Math.min(mismatches.size(), RouteWindow.MAX_MISMATCHES));
        }

        NoiseFloor noise = t.noiseSamples == 0 ? null
                : new NoiseFloor(t.noiseSamples, ratio(t.noiseAgreements, t.noiseSamples),
                        Tally.errorAt(t.noiseAbsoluteErrors, 99));
        long excused = noise == null || noise.absoluteErrorP99() == 0 ? 0
                : Tally.countAtMost(t.numericOnlyErrors, noise.absoluteErrorP99());
        double agreement = ratio(t.agreements, t.samples);
        double adjusted = ratio(Math.min(t.samples, t.agreements + excused), t.samples);

        LatencyQuantiles primary = new LatencyQuantiles(
                Tally.millisAt(t.primaryLatencyMicros, 50), Tally.millisAt(t.primaryLatencyMicros, 99));
        LatencyQuantiles shadow = new LatencyQuantiles(
                Tally.millisAt(t.shadowLatencyMicros, 50), Tally.millisAt(t.shadowLatencyMicros, 99));
        double p99Ratio = primary.p99Ms() == 0 ? 0 : shadow.p99Ms() / primary.p99Ms();
        double shadowErrorRate = ratio(t.shadowErrors, t.samples);

        List<String> reasons = criteria.failures(t.samples, adjusted, p99Ratio, shadowErrorRate);
        return new Snapshot(route, t.samples,
                ratio(t.statusMatches, t.samples),
                ratio(t.structureMatches, t.samples),
                ratio(t.numericMatches, t.structureMatches),
                t.top1Samples == 0 ? null : ratio(t.top1Agreements, t.top1Samples),
                agreement, adjusted,
                errorQuantiles(t),
                primary, shadow, p99Ratio, shadowErrorRate, ratio(t.primaryErrors, t.samples),
                noise, mismatches, reasons.isEmpty() ? Verdict.READY : Verdict.NOT_READY, reasons);
    }

    private RouteWindow windowFor(String route) {
        RouteWindow window = windows.get(route);
        if (window != null) {
            return window;
        }
        synchronized (windows) {
            if (windows.size() >= MAX_ROUTES) {
                return windows.get(route);
            }
            return windows.computeIfAbsent(route, r -> new RouteWindow(criteria.window()));
        }
    }

    /** Histogram quantiles round up to their bucket's top; never report one above the exact max. */
    private static ErrorQuantiles errorQuantiles(Tally t) {
        double max = t.maxAbsoluteError;
        return new ErrorQuantiles(Math.min(max, Tally.errorAt(t.absoluteErrors, 50)),
                Math.min(max, Tally.errorAt(t.absoluteErrors, 99)), max);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
