package dev.shunt.gateway.config;

import dev.shunt.gateway.cutover.CutoverPlan;
import dev.shunt.gateway.shadow.ShadowCriteria;
import dev.shunt.gateway.shadow.ShadowTolerance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a route's {@code mirror} and {@code cutover} sections; every error names its path. */
final class ShadowingReader {

    private ShadowingReader() {}

    static MirrorConfig mirror(ConfigNode node, Map<String, PoolConfig> pools) {
        node.allowOnly("pool", "percent", "forceHeader", "maxBodyBytes", "maxInFlight", "timeout", "stripHeaders",
                "stripHeadersContaining", "keepHeaders", "copyHeaders", "noisePercent", "tolerance", "criteria",
                "protocol");
        String pool = node.requiredString("pool");
        requirePool(node, "pool", pool, pools);
        MirrorConfig d = MirrorConfig.ofDefaults(pool);
        MirrorHeaders headers = headers(node);
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
                node.integer("maxInFlight", d.maxInFlight()), node.duration("timeout", d.timeout()), headers,
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

    /**
     * {@code copyHeaders} (only those), or the defaults with what {@code stripHeaders},
     * {@code stripHeadersContaining} and {@code keepHeaders} add.
     */
    private static MirrorHeaders headers(ConfigNode node) {
        if (node.has("copyHeaders")) {
            for (String other : List.of("stripHeaders", "stripHeadersContaining", "keepHeaders")) {
                if (node.has(other)) {
                    throw node.error("copyHeaders", "set with " + other
                            + " (expected: copyHeaders alone, which copies only the headers it names, or the others)");
                }
            }
            return node.build(n -> new MirrorHeaders.CopyOnly(names(node, "copyHeaders")));
        }
        return node.build(n -> new MirrorHeaders.Strip(names(node, "stripHeaders"),
                List.copyOf(names(node, "stripHeadersContaining")), names(node, "keepHeaders")));
    }

    private static Set<String> names(ConfigNode node, String key) {
        Set<String> out = new LinkedHashSet<>();
        for (ConfigNode item : node.list(key)) {
            out.add(item.text());
        }
        return out;
    }
}
