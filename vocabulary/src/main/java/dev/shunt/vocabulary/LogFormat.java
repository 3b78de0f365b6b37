package dev.shunt.vocabulary;

import java.util.Optional;

/**
 * The log format every Shunt process reads from {@value #ENV}: {@code plain} (the default; one line per
 * event with an ISO-8601 timestamp) or {@code json} (one JSON object per line). The logging
 * configuration ({@code logback.xml}, shipped in this module) picks its console appender by that name,
 * so any other value would leave a process silent: it is refused at start instead.
 */
public final class LogFormat {

    /** The environment variable that chooses the format. */
    public static final String ENV = "SHUNT_LOG_FORMAT";

    private LogFormat() {}

    /** What is wrong with {@code value} (the variable's value, null when unset), or empty when it is fine. */
    public static Optional<String> problem(String value) {
        if (value == null || value.equals("plain") || value.equals("json")) {
            return Optional.empty();
        }
        return Optional.of(ENV + ": \"" + (value.length() <= 40 ? value : value.substring(0, 40) + "...")
                + "\" (expected: plain or json)");
    }
}
