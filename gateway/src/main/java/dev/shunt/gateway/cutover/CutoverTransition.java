package dev.shunt.gateway.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One entry of a cutover's history: when, and what happened ("advanced to step 5%"). */
public record CutoverTransition(Instant at, String text) {

    public CutoverTransition {
        requireNonNull(at, "at");
        requireNonNull(text, "text");
    }
}
