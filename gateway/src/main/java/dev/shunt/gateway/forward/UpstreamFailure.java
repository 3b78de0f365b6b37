package dev.shunt.gateway.forward;

import static java.util.Objects.requireNonNull;

/**
 * Why a forward failed, and whether the request can have reached the model: only failures that
 * certainly did not (connection refused, reset before any response, a 503 answer) may be retried on
 * another backend.
 */
public final class UpstreamFailure extends RuntimeException {

    /** The kinds of failure. */
    public enum Kind {
        /** The TCP connection could not be made: the request never left. */
        CONNECT_FAILED(true),
        /** The connection closed before any response byte: the backend did not take it. */
        RESET_BEFORE_RESPONSE(true),
        /** No answer within the remaining deadline: the model may have run it. */
        TIMEOUT(false),
        /** Anything else after the request was sent. */
        OTHER(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether a retry on another backend is safe. */
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
