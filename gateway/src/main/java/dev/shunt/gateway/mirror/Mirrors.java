package dev.shunt.gateway.mirror;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.MirrorConfig;
import dev.shunt.gateway.shadow.ShadowReport;
import dev.shunt.gateway.shadow.ShadowWindow;
import dev.shunt.gateway.shadow.Snapshot;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The mirroring state of every route, owned by the server and kept across config reloads: a reload
 * that changes a route's mirror settings gets fresh samplers, but keeps the in-flight count (so the
 * bound holds for mirrors still out) and the shadow report while its criteria are unchanged.
 */
public final class Mirrors {

    private final Clock clock;
    private final Map<String, RouteMirror> routes = new ConcurrentHashMap<>();

    public Mirrors(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    /** The state for a route's current settings. */
    public RouteMirror forRoute(String route, MirrorConfig config) {
        RouteMirror current = routes.get(route);
        if (current != null && current.config().equals(config)) {
            return current;
        }
        return routes.compute(route, (name, old) -> {
            if (old != null && old.config().equals(config)) {
                return old;
            }
            AtomicInteger inFlight = old == null ? new AtomicInteger() : old.inFlightCounter();
            ShadowReport report = old != null && old.config().criteria().equals(config.criteria())
                    ? old.report() : new ShadowReport(config.criteria(), clock);
            return new RouteMirror(name, config, inFlight, report);
        });
    }

    /** Mirrors out now, over every route (a drain waits for them). */
    public int inFlight() {
        int total = 0;
        for (RouteMirror mirror : routes.values()) {
            total += mirror.inFlight();
        }
        return total;
    }

    /** Forgets routes that are no longer mirrored. */
    public void retainRoutes(Set<String> mirrored) {
        routes.keySet().retainAll(mirrored);
    }

    /** The shadow report of a route, when it mirrors. */
    public Optional<Snapshot> snapshot(String route) {
        RouteMirror mirror = routes.get(route);
        return mirror == null ? Optional.empty() : Optional.of(mirror.report().snapshot(route));
    }

    /** Every mirrored route's report, by route name. */
    public Map<String, Snapshot> snapshots() {
        return snapshots(route -> List.of());
    }

    /** Every mirrored route's report over this replica's window and the other replicas' windows of it. */
    public Map<String, Snapshot> snapshots(Function<String, List<ShadowWindow>> peers) {
        Map<String, Snapshot> out = new TreeMap<>();
        routes.forEach((name, mirror) -> out.put(name, mirror.report().snapshot(name, peers.apply(name))));
        return out;
    }

    /** The route's report over this replica's window and the other replicas' windows of it, when it mirrors. */
    public Optional<Snapshot> snapshot(String route, List<ShadowWindow> peers) {
        RouteMirror mirror = routes.get(route);
        return mirror == null ? Optional.empty() : Optional.of(mirror.report().snapshot(route, peers));
    }

    /** This replica's shadow window of every mirrored route, for the leader to merge. */
    public Map<String, ShadowWindow> windows() {
        Map<String, ShadowWindow> out = new TreeMap<>();
        routes.forEach((name, mirror) -> out.put(name, mirror.report().window(name)));
        return out;
    }
}
