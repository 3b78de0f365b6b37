package dev.shunt.backend.schedule;

import java.util.List;

/**
 * Who watches the deadlines of queued jobs, for a {@link WorkLoop} (used under its lock, not
 * thread-safe). It keeps a hint no queued deadline comes before, so the queue is scanned only when a
 * deadline may have passed, and it knows until when the housekeeper sleeps, so a new job wakes the
 * housekeeper only when its deadline comes sooner.
 */
final class DeadlineWatch {

    private long hint = TickerTimes.NEVER;
    private boolean timerAsleep;
    private long timerWakeAt = TickerTimes.NEVER;

    /** A job with this deadline was queued. */
    void queued(long deadlineNanos) {
        hint = TickerTimes.sooner(hint, deadlineNanos);
    }

    /** No queued deadline comes before this time: exact after a scan, possibly sooner otherwise. */
    long hint() {
        return hint;
    }

    /** Removes the jobs due at {@code nowNanos}; scans the queue only when one may be due. */
    List<InferenceJob> expireDue(JobTaker taker, long nowNanos) {
        if (taker.size() == 0) {
            hint = TickerTimes.NEVER;
        }
        if (TickerTimes.before(nowNanos, hint)) {
            return List.of();
        }
        List<InferenceJob> expired = taker.expire(nowNanos);
        hint = taker.nextDeadline();
        return expired;
    }

    /** The housekeeper sleeps until {@code untilNanos}. */
    void timerSleeps(long untilNanos) {
        timerAsleep = true;
        timerWakeAt = untilNanos;
    }

    /** The housekeeper is awake: it looks at every queued deadline before it sleeps again. */
    void timerAwake() {
        timerAsleep = false;
    }

    /** Whether the housekeeper must be woken to watch a job due at {@code deadlineNanos}. */
    boolean mustWakeTimerFor(long deadlineNanos) {
        return timerAsleep && TickerTimes.before(deadlineNanos, timerWakeAt);
    }
}
