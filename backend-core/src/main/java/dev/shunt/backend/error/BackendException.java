package dev.shunt.backend.error;

/**
 * Root of the model servers' failures; {@link ErrorResponses} maps each subtype to one HTTP status.
 * Messages are written for the client: they say what was wrong, never how the server is built.
 */
public abstract class BackendException extends RuntimeException {

    protected BackendException(String message) {
        super(message, null, false, false);
    }

    protected BackendException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
