package dev.shunt.gateway.forward;

import static java.util.Objects.requireNonNull;

/**
 * Why a forward failed, told by the exception's type and by how far the exchange had got, never by
 * its message: only failures where the request provably did not reach the model (no connection, or
 * the connection closed before the request was written) may be retried on another backend.
 */
public final class UpstreamFailure extends RuntimeException {

    /** The kinds of failure. */
    public enum Kind {
        /** No connection could be had (refused, unreachable, connect timeout): the request never left. */
        CONNECT_FAILED(true),
        /** The connection closed before the request was written: the backend cannot have taken it. */
        RESET_BEFORE_WRITE(true),
        /** The connection closed after the request was written, before an answer: the model may have run it. */
        RESET_AFTER_WRITE(false),
        /** No answer within the timeout: the model may have run it. */
        TIMEOUT(false),
        /** Anything else after the request was sent. */
        OTHER(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether a retry on another backend is safe: the request provably did not reach the model. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final String backend;

    public UpstreamFailure(Kind kind, String backend, String message) {
        super(message, null, false, false);
        this.kind = requireNonNull(kind, "kind");
        this.backend = requireNonNull(backend, "backend");
    }

    /** What happened. */
    public Kind kind() {
        return kind;
    }

    /** The backend's {@code host:port}. */
    public String backend() {
        return backend;
    }
}
