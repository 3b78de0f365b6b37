package dev.shunt.backend.error;

/** No model of that name (or version) is served here (404). */
public final class ModelNotFoundException extends BackendException {

    public ModelNotFoundException(String message) {
        super(message);
    }
}
