package dev.shunt.backend.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/** What every job taker does with its queues' deadlines: take out the expired jobs, find the next deadline. */
public final class QueuedJobs {

    private QueuedJobs() {}

    /**
     * Removes from {@code queue} the jobs whose deadline has passed at {@code nowNanos}, in queue order,
     * appending them to {@code expired}, which is empty (and may be immutable) or a list this method
     * returned; returns the list they are in.
     */
    public static List<InferenceJob> removeExpired(Collection<InferenceJob> queue, long nowNanos,
            List<InferenceJob> expired) {
        List<InferenceJob> out = expired;
        for (Iterator<InferenceJob> it = queue.iterator(); it.hasNext(); ) {
            InferenceJob job = it.next();
            if (job.expiredAt(nowNanos)) {
                if (out.isEmpty()) { // nothing expired yet: still the caller's empty list
                    out = new ArrayList<>();
                }
                out.add(job);
                it.remove();
            }
        }
        return out;
    }

    /** The sooner of {@code earliest} and the earliest deadline in {@code queue}. */
    public static long earliestDeadline(Collection<InferenceJob> queue, long earliest) {
        long soonest = earliest;
        for (InferenceJob job : queue) {
            soonest = TickerTimes.sooner(soonest, job.deadlineNanos());
        }
        return soonest;
    }
}
