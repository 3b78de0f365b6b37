package dev.shunt.gateway.config;

import dev.shunt.vocabulary.LatencyClass;
import dev.shunt.routing.RouteRule;
import dev.shunt.routing.RoutingPolicy;
import dev.shunt.routing.SizeThresholdConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Reads a route's {@code policy:} into a routing policy and the set of pools it may choose. */
final class PolicyReader {

    /** A policy, the pools it uses and the request headers its rules match on (lower case). */
    record Read(RoutingPolicy policy, Set<String> pools, Set<String> headers) {
        Read(RoutingPolicy policy, Set<String> pools) {
            this(policy, pools, Set.of());
        }
    }

    private PolicyReader() {}

    static Read read(ConfigNode node) {
        if (node.isMissing()) {
            throw node.error("missing (expected: a policy with type size-threshold, latency-class or rules)");
        }
        String type = node.requiredString("type");
        switch (type) {
            case "size-threshold" -> {
                node.allowOnly("type", "maxRows", "maxBytes", "small", "large", "spill");
                String small = node.requiredString("small");
                String large = node.requiredString("large");
                RoutingPolicy policy = node.build(n -> RoutingPolicy.sizeThreshold(new SizeThresholdConfig(
                        n.has("maxRows") ? OptionalLong.of(n.longValue("maxRows", 0)) : OptionalLong.empty(),
                        n.has("maxBytes") ? OptionalLong.of(n.longValue("maxBytes", 0)) : OptionalLong.empty(),
                        small, large, n.bool("spill", true))));
                return new Read(policy, Set.of(small, large));
            }
            case "latency-class" -> {
                node.allowOnly("type", "realtime", "standard", "batch");
                Map<LatencyClass, String> byClass = new EnumMap<>(LatencyClass.class);
                for (LatencyClass c : LatencyClass.values()) {
                    byClass.put(c, node.requiredString(c.wireName()));
                }
                return new Read(RoutingPolicy.latencyClass(byClass), new HashSet<>(byClass.values()));
            }
            case "rules" -> {
                node.allowOnly("type", "rules");
                List<RouteRule> rules = new ArrayList<>();
                Set<String> pools = new HashSet<>();
                Set<String> headers = new HashSet<>();
                List<ConfigNode> items = node.list("rules");
                if (items.isEmpty()) {
                    throw node.error("rules", "missing (expected: at least one rule)");
                }
                for (ConfigNode rule : items) {
                    RouteRule read = readRule(rule);
                    rules.add(read);
                    pools.add(read.pool());
                    read.spill().ifPresent(pools::add);
                    read.header().ifPresent(headers::add);
                }
                return new Read(node.build(n -> RoutingPolicy.rules(rules)), pools, headers);
            }
            default -> throw node.error("type", "\"" + type + "\" (expected one of: size-threshold, latency-class, rules)");
        }
    }

    private static RouteRule readRule(ConfigNode rule) {
        rule.allowOnly("name", "models", "classes", "minRows", "maxRows", "minBytes", "maxBytes", "header",
                "headerValue", "pool", "spill");
        Set<LatencyClass> classes = new HashSet<>();
        for (ConfigNode c : rule.list("classes")) {
            classes.add(LatencyClass.parse(c.text()).orElseThrow(
                    () -> c.error("\"" + c.text() + "\" (expected one of: realtime, standard, batch)")));
        }
        Set<String> models = new LinkedHashSet<>();
        for (ConfigNode m : rule.list("models")) {
            models.add(m.text());
        }
        if (!rule.has("models")) {
            models.add("*");
        }
        return rule.build(n -> new RouteRule(n.requiredString("name"), models, classes,
                n.longValue("minRows", 1), n.longValue("maxRows", Long.MAX_VALUE), n.longValue("minBytes", 0),
                n.longValue("maxBytes", Long.MAX_VALUE), n.optionalString("header"), n.optionalString("headerValue"),
                n.requiredString("pool"), n.optionalString("spill")));
    }
}
