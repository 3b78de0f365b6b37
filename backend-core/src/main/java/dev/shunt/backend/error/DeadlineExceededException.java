package dev.shunt.backend.error;

/** The request's deadline passed before it could run; it was not run (504). */
public final class DeadlineExceededException extends BackendException {

    public DeadlineExceededException(String what) {
        super(what);
    }
}
