package dev.shunt.backend.schedule;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.BackendException;
import dev.shunt.backend.error.QueueFullException;
import dev.shunt.backend.error.ShuttingDownException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state the threads of a {@link SchedulerCore} share, under one lock: the taker's queue, the
 * phase and its grace deadline, and which worker runs which jobs. No future is completed and no
 * listener called while the lock is held: methods return the jobs their caller must fail.
 *
 * <p>Waking up: a submitted job wakes one idle worker. When every worker is busy, the housekeeper
 * is woken instead if the job's deadline comes before the housekeeper's next look, so that a job
 * expires at its deadline, not when a worker comes free. An idle worker waiting on a planned
 * {@link Take.Wait} wakes by itself no later than the earliest queued deadline.
 */
final class WorkLoop {

    private final Ticker ticker;
    private final JobTaker taker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition timer = lock.newCondition();
    private final Condition exits = lock.newCondition();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    // Guarded by lock:
    private final Map<LoopWorker, List<InferenceJob>> running = new HashMap<>();
    private Phase phase = Phase.RUNNING;
    private long graceDeadline;
    private int alive;
    private int idle;
    private int runningJobs;
    private final DeadlineWatch deadlines = new DeadlineWatch();

    WorkLoop(Ticker ticker, JobTaker taker, int workers) {
        this.ticker = requireNonNull(ticker, "ticker");
        this.taker = requireNonNull(taker, "taker");
        this.alive = workers;
    }

    /** Completes when every worker has exited. */
    CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Queues the job and wakes whoever must look at it; the reason when it is refused, else null. */
    BackendException admit(InferenceJob job) {
        lock.lock();
        try {
            if (phase != Phase.RUNNING) {
                return new ShuttingDownException();
            }
            if (!taker.offer(job)) {
                return new QueueFullException(taker.size(), taker.capacity());
            }
            deadlines.queued(job.deadlineNanos());
            if (idle > 0) {
                work.signal();
            } else if (deadlines.mustWakeTimerFor(job.deadlineNanos())) {
                timer.signal();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until the worker has expired jobs to fail, jobs to run, or must exit. */
    Turn nextTurn(LoopWorker worker) {
        lock.lock();
        try {
            while (true) {
                if (phase == Phase.STOPPED) {
                    return Turn.EXIT;
                }
                long now = ticker.nanoTime();
                List<InferenceJob> expired = deadlines.expireDue(taker, now);
                if (!expired.isEmpty()) {
                    return new Turn(expired, now, List.of(), false);
                }
                Take take = phase == Phase.RUNNING ? taker.next(now) : taker.flush();
                if (take instanceof Take.Run run) {
                    running.put(worker, run.jobs());
                    runningJobs += run.jobs().size();
                    lookAfterTheRest();
                    return new Turn(List.of(), now, run.jobs(), false);
                }
                if (phase == Phase.DRAINING) {
                    return Turn.EXIT; // nothing left, and nothing more can come
                }
                long until = take instanceof Take.Wait wait
                        ? TickerTimes.sooner(wait.untilNanos(), deadlines.hint())
                        : TickerTimes.NEVER;
                idle++;
                try {
                    await(work, until, now);
                } finally {
                    idle--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The worker's jobs have run; they stop counting as running before their futures complete. */
    void finished(LoopWorker worker) {
        lock.lock();
        try {
            List<InferenceJob> jobs = running.remove(worker);
            if (jobs != null) {
                runningJobs -= jobs.size();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A worker has closed its instance and ends; the last one fails what is left and ends the loop. */
    void exited() {
        List<InferenceJob> abandoned = List.of();
        boolean last;
        lock.lock();
        try {
            alive--;
            last = alive == 0;
            if (last && phase != Phase.STOPPED) {
                abandoned = stopLocked(); // nobody is left to run what is queued
            }
            exits.signalAll();
            timer.signal();
        } finally {
            lock.unlock();
        }
        shutDown(abandoned);
        if (last) {
            terminated.complete(null);
        }
    }

    /** One look of the housekeeper at the clock; waits until the next deadline when there is nothing to do. */
    Sweep sweep() {
        lock.lock();
        try {
            long now = ticker.nanoTime();
            List<InferenceJob> expired = deadlines.expireDue(taker, now);
            List<InferenceJob> abandoned = List.of();
            if (phase == Phase.DRAINING && now - graceDeadline >= 0) {
                abandoned = stopLocked();
            }
            if (alive == 0) {
                return new Sweep(expired, now, abandoned, true);
            }
            if (expired.isEmpty() && abandoned.isEmpty()) {
                long until = phase == Phase.DRAINING
                        ? TickerTimes.sooner(deadlines.hint(), graceDeadline)
                        : deadlines.hint();
                deadlines.timerSleeps(until);
                try {
                    await(timer, until, now);
                } finally {
                    deadlines.timerAwake();
                }
            }
            return new Sweep(expired, now, abandoned, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops admitting; what is queued may run until {@code graceNanos} from now (a shorter grace
     * given later wins). Returns the jobs to fail when the grace is already over.
     */
    List<InferenceJob> shutdown(long graceNanos) {
        lock.lock();
        try {
            long now = ticker.nanoTime();
            long deadline = now + graceNanos;
            if (phase == Phase.RUNNING) {
                phase = Phase.DRAINING;
                graceDeadline = deadline;
            } else if (phase == Phase.DRAINING && deadline - graceDeadline < 0) {
                graceDeadline = deadline;
            }
            List<InferenceJob> abandoned = List.of();
            if (phase == Phase.DRAINING && now - graceDeadline >= 0) {
                abandoned = stopLocked();
            }
            work.signalAll();
            timer.signal();
            return abandoned;
        } finally {
            lock.unlock();
        }
    }

    /** Stops at once; returns what was queued or running, to be failed. */
    List<InferenceJob> stop() {
        lock.lock();
        try {
            return phase == Phase.STOPPED ? List.of() : stopLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code idleNanos} until every worker that runs no job has exited, then up to
     * {@code busyNanos} for the others; true when every worker has exited.
     */
    boolean awaitExits(long idleNanos, long busyNanos) {
        lock.lock();
        try {
            long left = idleNanos;
            while (alive > running.size() && left > 0) {
                left = exits.awaitNanos(left);
            }
            left = busyNanos;
            while (alive > 0 && left > 0) {
                left = exits.awaitNanos(left);
            }
            return alive == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Makes every waiting thread look at the ticker again. */
    void wakeUp() {
        lock.lock();
        try {
            work.signalAll();
            timer.signal();
        } finally {
            lock.unlock();
        }
    }

    int queueDepth() {
        lock.lock();
        try {
            return taker.size();
        } finally {
            lock.unlock();
        }
    }

    int running() {
        lock.lock();
        try {
            return runningJobs;
        } finally {
            lock.unlock();
        }
    }

    /** Fails each job with a shutting-down error (a job already complete stays as it is). */
    static void shutDown(List<InferenceJob> jobs) {
        for (InferenceJob job : jobs) {
            job.result().completeExceptionally(new ShuttingDownException());
        }
    }

    private List<InferenceJob> stopLocked() {
        phase = Phase.STOPPED;
        List<InferenceJob> abandoned = new ArrayList<>(taker.drain());
        running.values().forEach(abandoned::addAll);
        work.signalAll();
        timer.signal();
        return abandoned;
    }

    /** After a take: an idle worker looks at what is left, else the housekeeper watches its deadlines. */
    private void lookAfterTheRest() {
        if (taker.size() == 0) {
            return;
        }
        if (idle > 0) {
            work.signal();
        } else if (deadlines.mustWakeTimerFor(deadlines.hint())) {
            timer.signal();
        }
    }

    private static void await(Condition condition, long untilNanos, long nowNanos) {
        try {
            if (untilNanos == TickerTimes.NEVER) {
                condition.await();
            } else if (untilNanos - nowNanos > 0) {
                condition.awaitNanos(untilNanos - nowNanos);
            }
        } catch (InterruptedException e) {
            // Nobody interrupts these threads on purpose: the phase decides when they end. Look again.
        }
    }
}
