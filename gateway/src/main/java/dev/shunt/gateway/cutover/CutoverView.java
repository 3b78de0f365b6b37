package dev.shunt.gateway.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A consistent, immutable picture of one {@link Cutover}, shaped for the admin API's JSON.
 *
 * @param weightPercent the share of the route's primary traffic the candidate gets now
 * @param stepIndex the index into {@code steps} of the current (or last) step; -1 before start
 * @param stepStartedAt when the current step's bake began; null before start
 * @param bakeRemaining how long the current step still bakes: while paused the full bake (resume
 *     restarts it), zero when not running or already baked
 * @param samples candidate requests recorded during the current (or last) step
 * @param errorRate their share of errors, 0 without samples
 * @param p99Millis their p99 latency in milliseconds, 0 without samples
 * @param reason why it rolled back, was aborted, paused or waits; empty when there is nothing to say
 * @param history the latest transitions, oldest first, at most {@link Cutover#MAX_HISTORY}
 */
public record CutoverView(String route, String candidatePool, CutoverState state, double weightPercent,
        int stepIndex, List<Double> steps, Instant stepStartedAt, Duration bakeRemaining, long samples,
        double errorRate, double p99Millis, String reason, List<CutoverTransition> history) {

    public CutoverView {
        requireNonNull(route, "route");
        requireNonNull(candidatePool, "candidatePool");
        requireNonNull(state, "state");
        steps = List.copyOf(requireNonNull(steps, "steps"));
        requireNonNull(bakeRemaining, "bakeRemaining");
        requireNonNull(reason, "reason");
        history = List.copyOf(requireNonNull(history, "history"));
    }
}
