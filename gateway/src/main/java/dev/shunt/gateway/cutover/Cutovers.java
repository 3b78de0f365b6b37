package dev.shunt.gateway.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The cutovers of the gateway, at most one per route and at most {@link #MAX_ROUTES} routes.
 *
 * <p>The server creates one registry at start-up and owns it for its whole life: a config reload
 * does <em>not</em> rebuild it, so running cutovers keep their step, samples and history across
 * reloads. After a reload the server calls {@link #retainRoutes(Set)} with the routes of the new
 * config, which aborts the cutovers of routes that are gone.
 *
 * <p>Thread-safe: {@link #get(String)} is a lock-free lookup fit for every request; starting and
 * retaining are serialized.
 */
public final class Cutovers {

    /** The most routes the registry holds cutovers for. */
    public static final int MAX_ROUTES = 256;

    /** The reason given to cutovers whose route a config reload removed. */
    public static final String ROUTE_REMOVED = "route removed by config reload";

    private final Clock clock;
    private final int maxRoutes;
    private final Map<String, Cutover> byRoute = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    public Cutovers(Clock clock) {
        this(clock, MAX_ROUTES);
    }

    Cutovers(Clock clock, int maxRoutes) {
        this.clock = requireNonNull(clock, "clock");
        if (maxRoutes < 1) {
            throw new IllegalArgumentException("maxRoutes: " + maxRoutes + " (expected: >= 1)");
        }
        this.maxRoutes = maxRoutes;
    }

    /**
     * Starts a cutover of the plan's route, replacing a finished one of that route. When the
     * registry is full, the finished cutover that changed longest ago makes room.
     *
     * @throws IllegalStateException when the route's cutover is running or paused, or when
     *     {@link #MAX_ROUTES} routes hold cutovers that are not finished
     */
    public Cutover start(CutoverPlan plan) {
        requireNonNull(plan, "plan");
        synchronized (lock) {
            Cutover existing = byRoute.get(plan.route());
            if (existing != null && existing.state().active()) {
                throw new IllegalStateException("cutover of route " + plan.route() + " is " + existing.state()
                        + "; abort it before starting another");
            }
            if (existing == null && byRoute.size() >= maxRoutes) {
                evictOneFinished();
            }
            Cutover cutover = new Cutover(plan, clock);
            cutover.start();
            byRoute.put(plan.route(), cutover);
            return cutover;
        }
    }

    /** The route's cutover, running or not; empty when it never had one. */
    public Optional<Cutover> get(String route) {
        return Optional.ofNullable(byRoute.get(requireNonNull(route, "route")));
    }

    /** All cutovers, by route. */
    public List<Cutover> all() {
        List<Cutover> all = new ArrayList<>(byRoute.values());
        all.sort(Comparator.comparing(Cutover::route));
        return List.copyOf(all);
    }

    /** Ticks every cutover; call it periodically, e.g. every second. */
    public void tickAll() {
        byRoute.values().forEach(Cutover::tick);
    }

    /** Ticks every cutover with the other replicas' counts of its route (see {@link Cutover#tick(List)}). */
    public void tickAll(Function<String, List<StepCounts>> peerCounts) {
        requireNonNull(peerCounts, "peerCounts");
        byRoute.values().forEach(c -> c.tick(peerCounts.apply(c.route())));
    }

    /** Every cutover's record, by route name (what the leader publishes). */
    public List<CutoverRecord> records() {
        return all().stream().map(Cutover::record).toList();
    }

    /** This replica's candidate counts of each active cutover, by route (what the leader asks followers for). */
    public Map<String, StepCounts> counts() {
        Map<String, StepCounts> out = new TreeMap<>();
        for (Cutover c : byRoute.values()) {
            if (c.state().active()) {
                out.put(c.route(), c.counts());
            }
        }
        return out;
    }

    /**
     * Makes the registry what the leader published: each record's route gets its cutover (the same
     * object when run and plan are unchanged, so its split counter and samples carry on), and routes
     * without a record lose theirs.
     */
    public void apply(List<CutoverRecord> records) {
        requireNonNull(records, "records");
        synchronized (lock) {
            Set<String> published = new java.util.HashSet<>();
            for (CutoverRecord record : records) {
                published.add(record.route());
                Cutover existing = byRoute.get(record.route());
                if (existing != null && existing.plan().equals(record.plan())
                        && existing.generation().equals(record.generation())) {
                    existing.apply(record);
                } else {
                    byRoute.put(record.route(), Cutover.restore(record, clock));
                }
            }
            byRoute.keySet().retainAll(published);
        }
    }

    /**
     * Keeps the cutovers of the given routes and aborts the running or paused ones of every other
     * route with {@value #ROUTE_REMOVED}; they stay listed so operators can see why. Call it after
     * each config reload with the new config's route names.
     *
     * @return the routes whose cutovers it aborted, sorted
     */
    public List<String> retainRoutes(Set<String> routes) {
        requireNonNull(routes, "routes");
        synchronized (lock) {
            List<String> aborted = new ArrayList<>();
            for (Cutover cutover : byRoute.values()) {
                if (routes.contains(cutover.route()) || !cutover.state().active()) {
                    continue;
                }
                try {
                    cutover.abort(ROUTE_REMOVED);
                    aborted.add(cutover.route());
                } catch (IllegalStateException finishedMeanwhile) {
                    // a tick completed or rolled it back between the check and the abort
                }
            }
            aborted.sort(Comparator.naturalOrder());
            return List.copyOf(aborted);
        }
    }

    private void evictOneFinished() {
        Cutover stalest = null;
        for (Cutover cutover : byRoute.values()) {
            if (cutover.state().active()) {
                continue;
            }
            if (stalest == null || cutover.changedAt().isBefore(stalest.changedAt())) {
                stalest = cutover;
            }
        }
        if (stalest == null) {
            throw new IllegalStateException(
                    "cutovers: " + byRoute.size() + " routes running or paused (expected: at most " + maxRoutes + ")");
        }
        byRoute.remove(stalest.route());
    }
}
