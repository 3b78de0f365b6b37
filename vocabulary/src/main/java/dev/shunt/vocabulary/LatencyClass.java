package dev.shunt.vocabulary;

import java.util.Locale;
import java.util.Optional;

/**
 * How urgent a request is ({@code X-Latency-Class}). Model servers serve realtime first; under load
 * the gateway sheds batch first and realtime last.
 */
public enum LatencyClass {
    REALTIME,
    STANDARD,
    BATCH;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The header, metric label and config value: {@code realtime}, {@code standard}, {@code batch}. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name, any case, surrounding blanks ignored; empty when unknown or null. */
    public static Optional<LatencyClass> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (LatencyClass c : values()) {
            if (c.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
