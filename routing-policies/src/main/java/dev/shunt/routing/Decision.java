package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

/**
 * A policy's answer. Reasons are short stable words from a small closed set (metric labels and the
 * {@code X-Shunt-Reason} header), never request data.
 */
public sealed interface Decision {

    /** A short stable word saying why. */
    String reason();

    /** Send to {@code pool}. */
    record Route(String pool, String reason) implements Decision {
        public Route {
            requireNonNull(pool, "pool");
            requireNonNull(reason, "reason");
        }
    }

    /** Do not send. */
    record Reject(Rejection kind, String reason) implements Decision {
        public Reject {
            requireNonNull(kind, "kind");
            requireNonNull(reason, "reason");
        }
    }
}
