package dev.shunt.gateway.cutover;

import static java.util.Objects.requireNonNull;

import dev.shunt.routing.TrafficShift;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
 * <p>Among a gateway's replicas the leader's cutover decides: it ticks with the other replicas'
 * counts of the same run and step ({@link #tick(List)}), and its {@link #record()} is published for
 * the followers, which {@link #apply(CutoverRecord)} it and only record their own candidate outcomes
 * ({@link #counts()}) without ticking.
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
    private String generation = "none";
    private List<StepCounts> fromPeers = List.of();
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

    /** A cutover as another replica published it, with no samples of its own yet. */
    public static Cutover restore(CutoverRecord record, Clock clock) {
        Cutover cutover = new Cutover(record.plan(), clock);
        cutover.apply(record);
        return cutover;
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

    /** Starts at the first step, as a new run. */
    public void start() {
        synchronized (lock) {
            require("start", CutoverState.IDLE);
            generation = UUID.randomUUID().toString();
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
        tick(List.of());
    }

    /**
     * {@link #tick()} over this replica's samples and the other replicas' counts; counts of another
     * run or step are left out. The counts given are kept for {@link #view()} until the next tick.
     */
    public void tick(List<StepCounts> peers) {
        synchronized (lock) {
            if (!state.active()) {
                return;
            }
            List<StepCounts> matching = new ArrayList<>(peers.size());
            for (StepCounts c : peers) {
                if (c.of(generation, stepIndex)) {
                    matching.add(c);
                }
            }
            fromPeers = List.copyOf(matching);
            WindowStats stats = mergedStats();
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

    /** What it is, for the followers (see {@link CutoverRecord}). */
    public CutoverRecord record() {
        synchronized (lock) {
            return new CutoverRecord(plan, generation, state, stepIndex, stepStartedAt, reason, changedAt,
                    List.copyOf(history));
        }
    }

    /**
     * Takes the state the leader published: its run, step, share, bake clock, reason and history. The
     * samples of this replica are kept while run and step stay the same, and start over otherwise.
     *
     * @throws IllegalArgumentException when the record follows another plan
     */
    public void apply(CutoverRecord record) {
        if (!record.plan().equals(plan)) {
            throw new IllegalArgumentException("record of plan " + record.plan() + " (expected: " + plan + ")");
        }
        synchronized (lock) {
            boolean sameStep = record.generation().equals(generation) && record.stepIndex() == stepIndex;
            generation = record.generation();
            stepIndex = record.stepIndex();
            switch (record.state()) {
                case RUNNING, PAUSED -> {
                    if (!sameStep || window == null) {
                        window = new StepWindow(generation, stepIndex);
                        fromPeers = List.of();
                        split = new CountingSplit(currentPercent());
                    }
                }
                case COMPLETED -> finish(CountingSplit.ALL);
                case ROLLED_BACK, ABORTED -> finish(CountingSplit.NONE);
                case IDLE -> finish(CountingSplit.NONE);
                default -> throw new IllegalStateException("unexpected state " + record.state());
            }
            state = record.state();
            stepStartedAt = record.stepStartedAt();
            reason = record.reason();
            changedAt = record.changedAt();
            history.clear();
            history.addAll(record.history());
        }
    }

    /** This replica's own candidate counts of the current step; empty (no samples) when not active. */
    public StepCounts counts() {
        StepWindow w = window;
        if (w != null) {
            return w.counts();
        }
        synchronized (lock) {
            return new StepWindow(generation, stepIndex).counts();
        }
    }

    /** The id of this run (see {@link CutoverRecord#generation()}). */
    public String generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /** A consistent picture for the admin API. */
    public CutoverView view() {
        synchronized (lock) {
            WindowStats stats = window != null ? mergedStats() : finalStats;
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
        window = new StepWindow(generation, index);
        fromPeers = List.of();
        split = new CountingSplit(currentPercent());
    }

    private void end(CutoverState to, CountingSplit finalSplit, String why) {
        finish(finalSplit);
        state = to;
        reason = why;
    }

    private void finish(CountingSplit finalSplit) {
        if (window != null) {
            finalStats = mergedStats();
        }
        window = null;
        fromPeers = List.of();
        split = finalSplit;
    }

    /** This replica's samples of the step and the other replicas' last counts of it. */
    private WindowStats mergedStats() {
        return window.counts().plus(fromPeers).stats();
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
