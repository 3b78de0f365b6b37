package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.classify.BodyBytes;
import dev.shunt.gateway.classify.Classifier;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.RouteConfig;
import dev.shunt.gateway.error.DeadlineExpired;
import dev.shunt.gateway.error.GatewayErrors;
import dev.shunt.gateway.error.NoBackendAvailable;
import dev.shunt.gateway.error.NoRoute;
import dev.shunt.gateway.error.Overloaded;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.routing.ClusterSnapshot;
import dev.shunt.routing.Decision;
import dev.shunt.routing.PoolSnapshot;
import dev.shunt.routing.RequestProfile;
import dev.shunt.routing.TrafficShift;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The first stage: finds the model's route, classifies the request and asks the route's policy (the
 * cutover's split included) where it goes, on one snapshot of the pools. Counts the decision and any
 * spill; gives a {@link Selection.Routed} or a {@link Selection.Refused}. Never blocks.
 */
public final class RouteSelection {

    private final Supplier<GatewayConfig> config;
    private final Supplier<Map<String, Pool>> pools;
    private final Classifier classifier;
    private final Function<String, Optional<TrafficShift>> shifts;
    private final GatewayMetrics metrics;

    /**
     * @param shifts the traffic shift in progress of a route, by route name (a running cutover)
     */
    public RouteSelection(Supplier<GatewayConfig> config, Supplier<Map<String, Pool>> pools, Classifier classifier,
            Function<String, Optional<TrafficShift>> shifts, GatewayMetrics metrics) {
        this.config = requireNonNull(config, "config");
        this.pools = requireNonNull(pools, "pools");
        this.classifier = requireNonNull(classifier, "classifier");
        this.shifts = requireNonNull(shifts, "shifts");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /** Selects the route and pool of one request whose body has been read. */
    public Selection select(String model, String uri, MultiMap headers, Buffer body, String requestId, Arrival arrival,
            String clientAddress) {
        GatewayConfig cfg = config.get();
        RouteConfig route = cfg.routeFor(model).orElse(null);
        if (route == null) {
            return refused(new NoRoute("model \"" + Texts.shorten(model, 64) + "\" is not served by any route"),
                    Optional.empty(), "unknown", "unknown");
        }
        String modelLabel = metrics.modelLabel(model);
        BodyBytes bytes = BodyBytes.of(body);
        RequestProfile profile;
        int jsonLength;
        try {
            jsonLength = Classifier.jsonLength(headers, bytes);
            profile = classifier.classify(model, bytes, jsonLength, headers, route.defaultClass(), route.ruleHeaders(),
                    cfg.resilience(), arrival.instant());
        } catch (RuntimeException e) {
            return refused(e, Optional.empty(), modelLabel, "unknown");
        }
        Map<String, Pool> live = pools.get();
        Decision decision = route.policy().decide(profile, cluster(route, live));
        metrics.decision(route.name(), decision.reason());
        if (decision instanceof Decision.Reject reject) {
            return refused(rejection(reject, profile, route.pools()), Optional.of(reject.reason()), modelLabel,
                    profile.latencyClass().wireName());
        }
        Decision.Route routed = (Decision.Route) decision;
        routed.spill().ifPresent(spill -> metrics.spillover(spill.from(), routed.pool()));
        Pool target = live.get(routed.pool());
        if (target != null) {
            target.routed(profile.batchSize());
        }
        return new Selection.Routed(new RoutedRequest(requestId, route, modelLabel, profile, routed, uri, headers, body,
                bytes, arrival.nanos(), clientAddress, jsonLength), live.get(routed.pool()), live, cfg.resilience());
    }

    /** One snapshot of every pool the route may use, the shift's candidate included. */
    private ClusterSnapshot cluster(RouteConfig route, Map<String, Pool> live) {
        Optional<TrafficShift> shift = route.cutover().isEmpty() ? Optional.empty() : shifts.apply(route.name());
        Map<String, PoolSnapshot> snapshots = new HashMap<>(route.pools().size() * 2 + 2);
        for (String name : route.pools()) {
            snapshot(live, name, snapshots);
        }
        shift.ifPresent(s -> snapshot(live, s.candidatePool(), snapshots));
        return new ClusterSnapshot(snapshots, shift);
    }

    private static void snapshot(Map<String, Pool> live, String name, Map<String, PoolSnapshot> into) {
        Pool pool = live.get(name);
        if (pool != null && !into.containsKey(name)) {
            into.put(name, pool.snapshot());
        }
    }

    /** {@code pools}: the route's, named when none has a backend (their names, never their backends' addresses). */
    private static RuntimeException rejection(Decision.Reject reject, RequestProfile profile,
            java.util.Collection<String> pools) {
        return switch (reject.kind()) {
            case DEADLINE -> new DeadlineExpired("deadline passed before the request could be sent");
            case NO_ROUTE -> new NoRoute("no rule of the route matches this request");
            case NO_BACKEND -> new NoBackendAvailable("no healthy backend can serve model "
                    + Texts.shorten(profile.model(), 64) + " now (pool" + (pools.size() == 1 ? " " : "s ")
                    + String.join(", ", pools) + ")");
            case SHED -> new Overloaded(profile.latencyClass().wireName() + " requests are shed under load; retry later", true);
            case OVERLOADED -> new Overloaded("every pool that can serve this request is saturated; retry later", false);
            case UNMEETABLE -> new Overloaded("no pool is expected to answer before the deadline; retry later", false);
        };
    }

    private static Selection refused(Throwable failure, Optional<String> reason, String model, String latencyClass) {
        return new Selection.Refused(GatewayErrors.of(failure), reason, model, latencyClass);
    }
}
