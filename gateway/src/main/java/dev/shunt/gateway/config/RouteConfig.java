package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.cutover.CutoverPlan;
import dev.shunt.vocabulary.LatencyClass;
import dev.shunt.routing.RoutingPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A route: which models it serves and how it decides.
 *
 * @param name the route's name (metric label)
 * @param models model names it serves, {@code *} for any
 * @param defaultClass latency class of requests without {@code X-Latency-Class}
 * @param policy the decision, shedding and deadline checks included
 * @param pools every pool the policy may choose (for readiness and validation)
 * @param ruleHeaders the request headers its rules match on, lower case: the only headers classification captures
 * @param mirror traffic mirroring to a staging pool, with shadow comparison
 * @param cutover the plan of a progressive cutover to a candidate pool, started from the admin API
 * @param priorities Triton's {@code priority} request parameter (1 is the highest) put into the body for
 *     each latency class; a class without one gets none (the model's default)
 */
public record RouteConfig(String name, List<String> models, LatencyClass defaultClass, RoutingPolicy policy,
        Set<String> pools, Set<String> ruleHeaders, Optional<MirrorConfig> mirror, Optional<CutoverPlan> cutover,
        Map<LatencyClass, Long> priorities) {

    public RouteConfig {
        Checks.notBlank("name", name);
        models = List.copyOf(requireNonNull(models, "models"));
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models: [] (expected: model names or \"*\")");
        }
        requireNonNull(defaultClass, "defaultClass");
        requireNonNull(policy, "policy");
        pools = Set.copyOf(requireNonNull(pools, "pools"));
        ruleHeaders = Set.copyOf(requireNonNull(ruleHeaders, "ruleHeaders"));
        requireNonNull(mirror, "mirror");
        requireNonNull(cutover, "cutover");
        priorities = Map.copyOf(requireNonNull(priorities, "priorities"));
        priorities.forEach((c, p) -> {
            if (p < 1) {
                throw new IllegalArgumentException("priority." + c.wireName() + ": " + p + " (expected: >= 1)");
            }
        });
    }

    /** The {@code priority} to put for a class; 0 for none. */
    public long priority(LatencyClass latencyClass) {
        Long p = priorities.get(latencyClass);
        return p == null ? 0 : p;
    }

    /** Whether this route serves the model. */
    public boolean serves(String model) {
        return models.contains("*") || models.contains(model);
    }
}
