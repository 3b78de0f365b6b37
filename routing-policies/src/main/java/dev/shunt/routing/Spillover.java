package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

/**
 * A request went to another pool than the policy's choice.
 *
 * @param from the pool the policy chose
 * @param cause why that pool could not take it
 */
public record Spillover(String from, Cause cause) {

    /** Why the chosen pool could not take the request. */
    public enum Cause {
        /** Every serving backend was at its bulkhead. */
        SATURATED,
        /** No backend was healthy with its circuit closed. */
        DOWN
    }

    public Spillover {
        requireNonNull(from, "from");
        requireNonNull(cause, "cause");
    }

    /** The reason word of a spilled decision: {@code spill:cpu-saturated}, {@code spill:gpu-down}. */
    public String reason() {
        return "spill:" + from + (cause == Cause.SATURATED ? "-saturated" : "-down");
    }
}
