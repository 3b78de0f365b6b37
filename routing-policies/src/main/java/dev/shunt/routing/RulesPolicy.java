package dev.shunt.routing;

import java.util.List;

/** An ordered rule list: the first rule that matches decides, with its spill; none matching rejects ({@code no-rule}). */
final class RulesPolicy implements RoutingPolicy {

    private final List<RouteRule> rules;

    RulesPolicy(List<RouteRule> rules) {
        this.rules = List.copyOf(rules);
        if (this.rules.isEmpty()) {
            throw new IllegalArgumentException("rules: [] (expected: at least one rule)");
        }
        long distinct = this.rules.stream().map(RouteRule::name).distinct().count();
        if (distinct != this.rules.size()) {
            throw new IllegalArgumentException("rules: names must be unique");
        }
    }

    @Override
    public Decision decide(RequestProfile profile, ClusterSnapshot cluster) {
        for (RouteRule rule : rules) {
            if (rule.matches(profile)) {
                return Spill.routeOrSpill(rule.pool(), rule.spill(), cluster, rule.name());
            }
        }
        return new Decision.Reject(Rejection.NO_ROUTE, "no-rule");
    }
}
