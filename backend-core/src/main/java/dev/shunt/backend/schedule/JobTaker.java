package dev.shunt.backend.schedule;

import java.util.List;

/**
 * The part of a {@link SchedulerCore} that differs between servers: the queue of admitted jobs and
 * what a free worker takes from it next. The CPU server takes one job at a time, first in first out
 * ({@link #fifo(int)}); the GPU server plans batches by size, delay and latency class.
 *
 * <p>A pure data structure with time passed in: called under the core's lock, one call at a time,
 * it must not block, read a clock or complete futures. The core decides when jobs expire, when to
 * look again and what to do with what it is given.
 */
public interface JobTaker {

    /** One job at a time, first in first out, at most {@code capacity} waiting. */
    static JobTaker fifo(int capacity) {
        return new FifoTaker(capacity);
    }

    /** The most jobs that may wait. */
    int capacity();

    /** Jobs waiting. */
    int size();

    /** Queues the job; false when {@link #capacity()} jobs already wait. */
    boolean offer(InferenceJob job);

    /** Removes and returns the jobs whose deadline has passed at {@code nowNanos}. */
    List<InferenceJob> expire(long nowNanos);

    /** The earliest deadline of the waiting jobs, or {@link TickerTimes#NEVER}. */
    long nextDeadline();

    /** What to run at {@code nowNanos} while more jobs may still arrive; a run takes its jobs out of the queue. */
    Take next(long nowNanos);

    /**
     * What to run while draining, when no job can join any more: a {@link Take.Run} of what is
     * queued, never a wait, or {@link Take#idle()} when the queue is empty.
     */
    Take flush();

    /** Removes and returns every waiting job. */
    List<InferenceJob> drain();
}
