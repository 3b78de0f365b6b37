package dev.shunt.gateway.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link Cutover} is, without its traffic counters and candidate samples: enough for another
 * replica to take the same step with the same share, the same bake clock and the same history. The
 * leader of a gateway's replicas publishes these; followers apply them ({@link Cutover#apply}).
 *
 * @param plan the plan it follows (carried whole, so a follower needs no cutover section of its own)
 * @param generation an id of this run of the route's cutover, new on each start; outcomes recorded
 *     by another replica count towards a step only when generation and step index both match
 * @param state where it stands
 * @param stepIndex the index into the plan's steps of the current (or last) step; -1 before start
 * @param stepStartedAt when the current step's bake began; null before start
 * @param reason why it rolled back, was aborted, paused or waits; empty when there is nothing to say
 * @param changedAt when the state last changed
 * @param history the latest transitions, oldest first, at most {@link Cutover#MAX_HISTORY}
 */
public record CutoverRecord(CutoverPlan plan, String generation, CutoverState state, int stepIndex,
        Instant stepStartedAt, String reason, Instant changedAt, List<CutoverTransition> history) {

    public CutoverRecord {
        requireNonNull(plan, "plan");
        requireNonNull(generation, "generation");
        if (generation.isBlank() || generation.length() > 64) {
            throw new IllegalArgumentException("generation: \"" + generation + "\" (expected: 1 to 64 characters)");
        }
        requireNonNull(state, "state");
        if (stepIndex < -1 || stepIndex >= plan.steps().size()) {
            throw new IllegalArgumentException("stepIndex: " + stepIndex + " (expected: -1.." + (plan.steps().size() - 1) + ")");
        }
        if (state != CutoverState.IDLE && (stepIndex < 0 || stepStartedAt == null)) {
            throw new IllegalArgumentException("stepIndex: " + stepIndex + " (expected: a step and its start once " + state + ")");
        }
        requireNonNull(reason, "reason");
        requireNonNull(changedAt, "changedAt");
        history = List.copyOf(requireNonNull(history, "history"));
        if (history.size() > Cutover.MAX_HISTORY) {
            throw new IllegalArgumentException("history: " + history.size() + " entries (expected: at most " + Cutover.MAX_HISTORY + ")");
        }
    }

    public String route() {
        return plan.route();
    }
}
