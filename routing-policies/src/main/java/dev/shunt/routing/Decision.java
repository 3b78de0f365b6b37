package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A policy's answer, with its facts as types: where the request goes and, when it got there by
 * spilling or by a traffic shift, where it would have gone; or why it is not routed. The reason is a
 * short stable word from a small closed set (a metric label and the {@code X-Shunt-Reason} header):
 * it is written out, never parsed back.
 */
public sealed interface Decision {

    /** A short stable word saying why. */
    String reason();

    /**
     * Send to {@code pool}.
     *
     * @param spill when the policy's own choice could not serve: which pool that was, and why
     * @param shiftedFrom when a traffic shift (a cutover step) moved it: the pool the policy chose
     */
    record Route(String pool, String reason, Optional<Spillover> spill, Optional<String> shiftedFrom)
            implements Decision {
        public Route {
            requireNonNull(pool, "pool");
            requireNonNull(reason, "reason");
            requireNonNull(spill, "spill");
            requireNonNull(shiftedFrom, "shiftedFrom");
        }

        /** The policy's own choice, neither spilled nor shifted. */
        public Route(String pool, String reason) {
            this(pool, reason, Optional.empty(), Optional.empty());
        }
    }

    /** Do not send; {@code kind} decides the status. */
    record Reject(Rejection kind, String reason) implements Decision {
        public Reject {
            requireNonNull(kind, "kind");
            requireNonNull(reason, "reason");
        }
    }
}
