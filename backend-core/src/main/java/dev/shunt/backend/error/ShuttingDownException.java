package dev.shunt.backend.error;

/** The server is draining for shutdown and admits nothing new (503). */
public final class ShuttingDownException extends BackendException {

    public ShuttingDownException() {
        super("server is shutting down");
    }
}
