package dev.shunt.gateway.cutover;

import static java.util.Objects.requireNonNull;

import dev.shunt.routing.TrafficShift;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The progressive cutover of one route to a candidate pool, following a {@link CutoverPlan}.
 *
 * <p>On each request of the route the proxy asks {@link #sendToCandidate()}, which splits by
 * counting (exactly {@code w%} of requests, never a random draw) and costs one atomic increment;
 * it reports what the candidate did with {@link #recordCandidate(boolean, long)}. A periodic
 * {@link #tick()} advances a step that has baked for {@link CutoverPlan#bake()} over at least
 * {@link CutoverPlan#minSamplesPerStep()} requests within the criteria, and rolls back to 0% as
 * soon as a step with enough requests breaks them, baked or not. Pausing holds the current step's
 * share and stops advancing, but a paused cutover still rolls back; resuming restarts the bake of
 * the step and keeps its samples. Operators' calls that do not fit the state throw
 * {@link IllegalStateException}.
 *
 * <p>Thread-safe: the per-request methods read volatile fields, the rest hold a lock.
 */
public final class Cutover implements TrafficShift {

    /** The most transitions {@link CutoverView#history()} keeps; older ones are dropped. */
    public static final int MAX_HISTORY = 50;

    private final CutoverPlan plan;
    private final Clock clock;
    private final Object lock = new Object();

    private volatile CountingSplit split = CountingSplit.NONE;
    /** The current step's window while active; null otherwise, so late outcomes are dropped. */
    private volatile StepWindow window;
    private volatile CutoverState state = CutoverState.IDLE;

    // guarded by lock
    private int stepIndex = -1;
    private Instant stepStartedAt;
    private WindowStats finalStats = WindowStats.EMPTY;
    private String reason = "";
    private Instant changedAt;
    private final ArrayDeque<CutoverTransition> history = new ArrayDeque<>();

    public Cutover(CutoverPlan plan, Clock clock) {
        this.plan = requireNonNull(plan, "plan");
        this.clock = requireNonNull(clock, "clock");
        this.changedAt = clock.instant();
    }

    public CutoverPlan plan() {
        return plan;
    }

    public String route() {
        return plan.route();
    }

    public CutoverState state() {
        return state;
    }

    /**
     * The share of the route's primary traffic that goes to the candidate now: the current step's
     * while running or paused, 100 once completed, 0 otherwise.
     */
    public double weightPercent() {
        return split.percent();
    }

    /** Counts one request of the route; true when it goes to the candidate pool. Lock-free. */
    public boolean sendToCandidate() {
        return split.next();
    }

    @Override
    public String candidatePool() {
        return plan.candidatePool();
    }

    @Override
    public boolean nextToCandidate() {
        return sendToCandidate();
    }

    /**
     * Records the outcome of a request the candidate served during the current step. Outcomes that
     * arrive while the cutover is not running or paused are dropped.
     */
    public void recordCandidate(boolean error, long latencyNanos) {
        StepWindow w = window;
        if (w != null) {
            w.record(error, latencyNanos);
        }
    }

    /** Starts at the first step. */
    public void start() {
        synchronized (lock) {
            require("start", CutoverState.IDLE);
            enterStep(0, clock.instant());
            state = CutoverState.RUNNING;
            note("started: step " + Format.percent(currentPercent()) + "% to " + plan.candidatePool());
        }
    }

    /** Holds the current step: its share stays, it does not advance, it still rolls back. */
    public void pause() {
        synchronized (lock) {
            require("pause", CutoverState.RUNNING);
            state = CutoverState.PAUSED;
            reason = "paused by operator";
            note("paused at step " + Format.percent(currentPercent()) + "%");
        }
    }

    /** Runs on from the current step, whose bake starts over; the step keeps its samples. */
    public void resume() {
        synchronized (lock) {
            require("resume", CutoverState.PAUSED);
            stepStartedAt = clock.instant();
            state = CutoverState.RUNNING;
            reason = "";
            note("resumed at step " + Format.percent(currentPercent()) + "%");
        }
    }

    /** Stops a running or paused cutover and sends nothing more to the candidate. */
    public void abort(String why) {
        requireNonNull(why, "why");
        synchronized (lock) {
            require("abort", CutoverState.RUNNING, CutoverState.PAUSED);
            end(CutoverState.ABORTED, CountingSplit.NONE, why.isBlank() ? "aborted by operator" : why);
            note("aborted: " + reason);
        }
    }

    /**
     * Judges the current step by the clock: rolls back when a step with enough samples breaks the
     * criteria, advances (or completes) a baked step that meets them, and otherwise waits. Does
     * nothing unless running or paused. Call it periodically, e.g. every second.
     */
    public void tick() {
        synchronized (lock) {
            if (!state.active()) {
                return;
            }
            WindowStats stats = window.stats();
            String violation = stats.samples() >= plan.minSamplesPerStep() ? violation(stats) : null;
            if (violation != null) {
                end(CutoverState.ROLLED_BACK, CountingSplit.NONE, violation);
                note("rolled back: " + violation);
                return;
            }
            if (state != CutoverState.RUNNING) {
                return;
            }
            Instant now = clock.instant();
            if (bakeRemaining(now).compareTo(Duration.ZERO) > 0) {
                return;
            }
            if (stats.samples() < plan.minSamplesPerStep()) {
                reason = "waiting for samples " + stats.samples() + "/" + plan.minSamplesPerStep();
                return;
            }
            if (stepIndex == plan.steps().size() - 1) {
                end(CutoverState.COMPLETED, CountingSplit.ALL, "");
                note("completed: all traffic of route " + plan.route() + " on " + plan.candidatePool());
                return;
            }
            enterStep(stepIndex + 1, now);
            reason = "";
            note("advanced to step " + Format.percent(currentPercent()) + "%");
        }
    }

    /** A consistent picture for the admin API. */
    public CutoverView view() {
        synchronized (lock) {
            WindowStats stats = window != null ? window.stats() : finalStats;
            Duration remaining = switch (state) {
                case RUNNING -> bakeRemaining(clock.instant());
                case PAUSED -> plan.bake();
                default -> Duration.ZERO;
            };
            return new CutoverView(plan.route(), plan.candidatePool(), state, weightPercent(), stepIndex,
                    plan.steps(), stepStartedAt, remaining, stats.samples(), stats.errorRate(), stats.p99Millis(),
                    reason, List.copyOf(history));
        }
    }

    /** When the state last changed (or when it was created); the registry evicts the stalest. */
    Instant changedAt() {
        synchronized (lock) {
            return changedAt;
        }
    }

    private String violation(WindowStats stats) {
        String step = "step " + Format.percent(currentPercent()) + "%: candidate ";
        if (stats.errorRate() > plan.maxErrorRate()) {
            return step + "error rate " + Format.rateExceeds(stats.errorRate(), plan.maxErrorRate());
        }
        double maxMillis = plan.maxP99().toNanos() / 1e6;
        if (stats.p99Millis() > maxMillis) {
            return step + "p99 " + Format.millisExceeds(stats.p99Millis(), maxMillis);
        }
        return null;
    }

    private Duration bakeRemaining(Instant now) {
        Duration remaining = plan.bake().minus(Duration.between(stepStartedAt, now));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private double currentPercent() {
        return plan.steps().get(stepIndex);
    }

    private void enterStep(int index, Instant now) {
        stepIndex = index;
        stepStartedAt = now;
        window = new StepWindow();
        split = new CountingSplit(currentPercent());
    }

    private void end(CutoverState to, CountingSplit finalSplit, String why) {
        finalStats = window.stats();
        window = null;
        split = finalSplit;
        state = to;
        reason = why;
    }

    private void require(String action, CutoverState... allowed) {
        for (CutoverState s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException(
                "cutover of route " + plan.route() + " is " + state + "; cannot " + action);
    }

    private void note(String text) {
        changedAt = clock.instant();
        if (history.size() == MAX_HISTORY) {
            history.removeFirst();
        }
        history.addLast(new CutoverTransition(changedAt, text));
    }
}
