package dev.shunt.gateway.config;

import dev.shunt.vocabulary.LatencyClass;
import dev.shunt.routing.RouteRule;
import dev.shunt.routing.RoutingPolicy;
import dev.shunt.routing.SizeThresholdConfig;
import dev.shunt.routing.SloConfig;
import java.time.Clock;
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

    /**
     * @param pools the configured pools, for the {@code slo} policy's costs and concurrency
     * @param clock the time the {@code slo} policy measures what is left of a deadline by
     */
    static Read read(ConfigNode node, Map<String, PoolConfig> pools, Clock clock) {
        if (node.isMissing()) {
            throw node.error("missing (expected: a policy with type size-threshold, latency-class, rules or slo)");
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
                Set<String> used = new HashSet<>();
                Set<String> headers = new HashSet<>();
                List<ConfigNode> items = node.list("rules");
                if (items.isEmpty()) {
                    throw node.error("rules", "missing (expected: at least one rule)");
                }
                for (ConfigNode rule : items) {
                    RouteRule read = readRule(rule);
                    rules.add(read);
                    used.add(read.pool());
                    read.spill().ifPresent(used::add);
                    read.header().ifPresent(headers::add);
                }
                return new Read(node.build(n -> RoutingPolicy.rules(rules)), used, headers);
            }
            case "slo" -> {
                node.allowOnly("type", "pools", "margin", "rejectUnmeetable", "protectWait");
                List<SloConfig.Pool> chosen = new ArrayList<>();
                Set<String> names = new LinkedHashSet<>();
                List<ConfigNode> items = node.list("pools");
                if (items.isEmpty()) {
                    throw node.error("pools", "missing (expected: the pools to choose among, e.g. [cpu, gpu])");
                }
                for (ConfigNode item : items) {
                    PoolConfig pool = pools.get(item.text());
                    if (pool == null) {
                        throw item.error("\"" + item.text() + "\" is not a configured pool (pools: "
                                + String.join(", ", new java.util.TreeSet<>(pools.keySet())) + ")");
                    }
                    chosen.add(new SloConfig.Pool(pool.name(), pool.costPerHour(), pool.latency().concurrency(),
                            pool.latency().batching()));
                    names.add(pool.name());
                }
                SloConfig config = node.build(n -> new SloConfig(chosen, n.number("margin", 0.2),
                        n.bool("rejectUnmeetable", false), n.has("protectWait")
                                ? java.util.Optional.of(n.duration("protectWait", null)) : java.util.Optional.empty()));
                return new Read(RoutingPolicy.slo(config, clock), names);
            }
            default -> throw node.error("type", "\"" + type + "\" (expected one of: size-threshold, latency-class, rules, slo)");
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
