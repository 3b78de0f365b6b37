package dev.shunt.gateway.config;

/** A config file that cannot be used; the message names the exact path, e.g. {@code routes[1].policy.maxRows: -3 (expected: > 0)}. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
