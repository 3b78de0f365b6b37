package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shunt.gateway.cutover.StepCounts;
import dev.shunt.gateway.shadow.ShadowWindow;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One replica's windows as {@code GET /admin/replica/windows} serves them: its shadow window of each
 * mirrored route and its candidate counts of each active cutover, and when the leader received them.
 *
 * @param at when they were received
 * @param shadow shadow windows by route
 * @param cutover candidate counts by route
 */
public record PeerWindows(Instant at, Map<String, ShadowWindow> shadow, Map<String, StepCounts> cutover) {

    /** The most routes read from one answer. */
    static final int MAX_ROUTES = 256;

    public PeerWindows {
        requireNonNull(at, "at");
        shadow = Map.copyOf(requireNonNull(shadow, "shadow"));
        cutover = Map.copyOf(requireNonNull(cutover, "cutover"));
    }

    /** The answer's JSON for this replica's windows. */
    public static Map<String, Object> toJson(Map<String, ShadowWindow> shadow, Map<String, StepCounts> cutover) {
        Map<String, Object> s = new TreeMap<>();
        shadow.forEach((route, w) -> s.put(route, w.toJson()));
        Map<String, Object> c = new TreeMap<>();
        cutover.forEach((route, counts) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("generation", counts.generation());
            m.put("stepIndex", counts.stepIndex());
            m.put("samples", counts.samples());
            m.put("errors", counts.errors());
            m.put("latencies", counts.latencies());
            c.put(route, m);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shadow", s);
        out.put("cutover", c);
        return out;
    }

    /**
     * Reads an answer.
     *
     * @throws IllegalArgumentException naming the route and field that are wrong
     */
    public static PeerWindows fromJson(JsonNode node, Instant at) {
        if (node == null || !node.path("shadow").isObject() || !node.path("cutover").isObject()) {
            throw new IllegalArgumentException("windows: expected {\"shadow\": {...}, \"cutover\": {...}}");
        }
        Map<String, ShadowWindow> shadow = new TreeMap<>();
        read(node.get("shadow"), (route, w) -> shadow.put(route, ShadowWindow.fromJson(w)));
        Map<String, StepCounts> cutover = new TreeMap<>();
        read(node.get("cutover"), (route, c) -> {
            JsonNode gen = c.path("generation");
            if (!gen.isTextual() || !c.path("stepIndex").isInt() || !c.path("samples").isIntegralNumber()
                    || !c.path("errors").isIntegralNumber() || !c.path("latencies").isTextual()) {
                throw new IllegalArgumentException("expected generation, stepIndex, samples, errors and latencies");
            }
            cutover.put(route, StepCounts.of(gen.asText(), c.get("stepIndex").asInt(), c.get("samples").asLong(),
                    c.get("errors").asLong(), c.get("latencies").asText()));
        });
        return new PeerWindows(at, shadow, cutover);
    }

    private static void read(JsonNode routes, java.util.function.BiConsumer<String, JsonNode> each) {
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = routes.fields(); it.hasNext() && n < MAX_ROUTES; n++) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                each.accept(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("windows: route \"" + e.getKey() + "\": " + ex.getMessage());
            }
        }
    }
}
