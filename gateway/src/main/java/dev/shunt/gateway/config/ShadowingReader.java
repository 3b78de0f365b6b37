package dev.shunt.gateway.config;

import dev.shunt.gateway.cutover.CutoverPlan;
import dev.shunt.gateway.shadow.ShadowCriteria;
import dev.shunt.gateway.shadow.ShadowTolerance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a route's {@code mirror} and {@code cutover} sections; every error names its path. */
final class ShadowingReader {

    private ShadowingReader() {}

    static MirrorConfig mirror(ConfigNode node, Map<String, PoolConfig> pools) {
        node.allowOnly("pool", "percent", "forceHeader", "maxBodyBytes", "maxInFlight", "timeout", "stripHeaders",
                "keepHeaders", "noisePercent", "tolerance", "criteria", "protocol");
        String pool = node.requiredString("pool");
        requirePool(node, "pool", pool, pools);
        MirrorConfig d = MirrorConfig.ofDefaults(pool);
        Set<String> strip = node.has("stripHeaders") ? names(node, "stripHeaders") : d.stripHeaders();
        Set<String> keep = node.has("keepHeaders") ? names(node, "keepHeaders") : d.keepHeaders();
        ConfigNode t = node.child("tolerance").allowOnly("absolute", "relative");
        ShadowTolerance tolerance = t.build(n -> new ShadowTolerance(t.number("absolute", d.tolerance().absolute()),
                t.number("relative", d.tolerance().relative())));
        ConfigNode c = node.child("criteria").allowOnly("minSamples", "minAgreement", "maxP99Ratio", "maxErrorRate",
                "window");
        ShadowCriteria dc = d.criteria();
        ShadowCriteria criteria = node.build(n -> new ShadowCriteria(c.longValue("minSamples", dc.minSamples()),
                c.number("minAgreement", dc.minAgreement()), c.number("maxP99Ratio", dc.maxP99Ratio()),
                c.number("maxErrorRate", dc.maxErrorRate()), c.duration("window", dc.window())));
        return node.build(n -> new MirrorConfig(pool, node.number("percent", d.percent()),
                node.string("forceHeader", d.forceHeader()), node.longValue("maxBodyBytes", d.maxBodyBytes()),
                node.integer("maxInFlight", d.maxInFlight()), node.duration("timeout", d.timeout()), strip, keep,
                node.number("noisePercent", d.noisePercent()), tolerance, criteria,
                node.enumValue("protocol", MirrorProtocol.class, d.protocol())));
    }

    static CutoverPlan cutover(String route, ConfigNode node, Map<String, PoolConfig> pools) {
        node.allowOnly("pool", "steps", "bake", "maxErrorRate", "maxP99", "minSamplesPerStep");
        String pool = node.requiredString("pool");
        requirePool(node, "pool", pool, pools);
        CutoverPlan d = CutoverPlan.ofDefaults(route, pool);
        List<Double> steps = d.steps();
        if (node.has("steps")) {
            steps = new ArrayList<>();
            for (ConfigNode step : node.list("steps")) {
                try {
                    steps.add(Double.parseDouble(step.text().replace("%", "").trim()));
                } catch (NumberFormatException e) {
                    throw step.error("\"" + step.text() + "\" (expected: a percentage such as 5 or 5%)");
                }
            }
        }
        List<Double> chosen = steps;
        return node.build(n -> new CutoverPlan(route, pool, chosen, node.duration("bake", d.bake()),
                node.number("maxErrorRate", d.maxErrorRate()), node.duration("maxP99", d.maxP99()),
                node.integer("minSamplesPerStep", d.minSamplesPerStep())));
    }

    private static void requirePool(ConfigNode node, String key, String pool, Map<String, PoolConfig> pools) {
        if (!pools.containsKey(pool)) {
            throw node.error(key, "\"" + pool + "\" is not configured (pools: "
                    + String.join(", ", new TreeSet<>(pools.keySet())) + ")");
        }
    }

    private static Set<String> names(ConfigNode node, String key) {
        Set<String> out = new HashSet<>();
        for (ConfigNode item : node.list(key)) {
            out.add(item.text());
        }
        return out;
    }
}
