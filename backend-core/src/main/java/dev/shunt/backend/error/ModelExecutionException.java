package dev.shunt.backend.error;

/** The engine failed while running a batch (500); every job of the batch gets this error. */
public final class ModelExecutionException extends BackendException {

    public ModelExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
