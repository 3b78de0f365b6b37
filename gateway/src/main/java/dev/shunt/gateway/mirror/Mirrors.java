package dev.shunt.gateway.mirror;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.MirrorConfig;
import dev.shunt.gateway.shadow.ShadowReport;
import dev.shunt.gateway.shadow.Snapshot;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
        Map<String, Snapshot> out = new TreeMap<>();
        routes.forEach((name, mirror) -> out.put(name, mirror.report().snapshot(name)));
        return out;
    }
}
