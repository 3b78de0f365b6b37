package dev.shunt.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.shunt.vocabulary.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A node of the parsed YAML with its path, so that every error names where it is
 * ({@code pools.cpu.healthCheck.rise}). Typed getters refuse wrong types; {@link #allowOnly} refuses
 * unknown fields (a typo must not silently fall back to a default).
 */
final class ConfigNode {

    private final String path;
    private final JsonNode node;

    ConfigNode(String path, JsonNode node) {
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    String path() {
        return path;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    ConfigNode child(String key) {
        return new ConfigNode(join(key), node.get(key));
    }

    boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    ConfigException error(String message) {
        return new ConfigException(path + ": " + message);
    }

    ConfigException error(String key, String message) {
        return new ConfigException(join(key) + ": " + message);
    }

    /** Refuses fields other than {@code allowed}. */
    ConfigNode allowOnly(String... allowed) {
        if (isMissing()) {
            return this;
        }
        if (!node.isObject()) {
            throw error("expected a mapping of " + String.join(", ", allowed));
        }
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(name, "unknown field (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return this;
    }

    String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isTextual() && !value.isNumber()) {
            throw error(key, "expected a string");
        }
        return value.asText();
    }

    String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw error(key, "missing (expected a non-empty string)");
        }
        return value;
    }

    int integer(String key, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(key, value + " (expected: a whole number)");
        }
        return value.intValue();
    }

    long longValue(String key, long fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(key, value + " (expected: a whole number)");
        }
        return value.longValue();
    }

    double number(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isNumber()) {
            throw error(key, value + " (expected: a number)");
        }
        return value.doubleValue();
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw error(key, value + " (expected: true or false)");
        }
        return value.booleanValue();
    }

    /** A duration in the one grammar of {@link Durations} ({@code 250ms}, {@code 2s}, {@code PT2S}); bare numbers are refused. */
    Duration duration(String key, Duration fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isValueNode()) {
            throw error(key, "expected " + Durations.FORMS);
        }
        try {
            return Durations.parse(join(key), value.asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        if (!has(key)) {
            return fallback;
        }
        String text = node.get(key).asText().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw error(key, "\"" + node.get(key).asText() + "\" (expected one of: " + String.join(", ", names) + ")");
    }

    /** The elements of a list field, each with its indexed path ({@code routes[1]}). */
    List<ConfigNode> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw error(key, "expected a list");
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(new ConfigNode(join(key) + "[" + i + "]", value.get(i)));
        }
        return items;
    }

    /** The entries of a mapping field, in file order, each with its path ({@code pools.cpu}). */
    Map<String, ConfigNode> entries(String key) {
        Map<String, ConfigNode> entries = new java.util.LinkedHashMap<>();
        if (!has(key)) {
            return entries;
        }
        JsonNode value = node.get(key);
        if (!value.isObject()) {
            throw error(key, "expected a mapping");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            entries.put(e.getKey(), new ConfigNode(join(key) + "." + e.getKey(), e.getValue()));
        }
        return entries;
    }

    /** The node's text, for scalar list elements. */
    String text() {
        if (!node.isTextual() && !node.isNumber()) {
            throw error("expected a string");
        }
        return node.asText();
    }

    /** Builds a record, turning its validation message into one that names this node's path. */
    <T> T build(Function<ConfigNode, T> builder) {
        try {
            return builder.apply(this);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path.isEmpty() ? e.getMessage() : path + "." + e.getMessage());
        }
    }

    Optional<String> optionalString(String key) {
        return Optional.ofNullable(string(key, null));
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
