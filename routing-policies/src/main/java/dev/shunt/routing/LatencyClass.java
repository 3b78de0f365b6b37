package dev.shunt.routing;

import java.util.Locale;
import java.util.Optional;

/** How urgent a request is ({@code X-Latency-Class}); under load, batch is shed first and realtime last. */
public enum LatencyClass {
    REALTIME,
    STANDARD,
    BATCH;

    /** The wire and metric name: {@code realtime}, {@code standard}, {@code batch}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, any case; empty when unknown or null. */
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
