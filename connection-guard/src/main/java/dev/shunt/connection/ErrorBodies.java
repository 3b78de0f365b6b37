package dev.shunt.connection;

/** The listener's own JSON error body for a message, so the guard's answers look like every other error. */
@FunctionalInterface
public interface ErrorBodies {

    /** The body bytes (UTF-8 JSON) that carry {@code message}. */
    byte[] json(String message);
}
