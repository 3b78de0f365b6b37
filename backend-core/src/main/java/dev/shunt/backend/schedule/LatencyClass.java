package dev.shunt.backend.schedule;

import java.util.Locale;
import java.util.Optional;

/** How urgent a request is, from the {@code X-Latency-Class} header; realtime is served first. */
public enum LatencyClass {
    REALTIME,
    STANDARD,
    BATCH;

    /** The header value of this class, lower case. */
    public String headerValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a header value ({@code realtime|standard|batch}, any case); empty when unknown. */
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
