package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.QueueFullException;
import dev.shunt.backend.error.ShuttingDownException;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU server's scheduler: a fixed pool of worker threads ({@code shunt-cpu-worker-1..N}), each
 * with its own model instance, fed by one bounded queue and running one job per predict call (no
 * batching: a latency server does not wait for company).
 *
 * <ul>
 *   <li>Admission: a full queue fails the job with {@link QueueFullException}; after
 *       {@link #shutdown} it fails with {@link ShuttingDownException}. Both on the caller's thread.
 *   <li>A job whose deadline has passed when a worker takes it fails with
 *       {@link dev.shunt.backend.error.DeadlineExceededException} and is not run; a job whose future
 *       is already done (cancelled) is skipped.
 *   <li>A failing predict fails that job only, with
 *       {@link dev.shunt.backend.error.ModelExecutionException} unless it threw a
 *       {@link dev.shunt.backend.error.BackendException}; the worker goes on.
 *   <li>Outcomes of jobs that ran are completed on the worker thread; jobs still left when the
 *       shutdown grace ends are failed on the shutdown thread.
 * </ul>
 */
public final class WorkerPoolScheduler implements InferenceScheduler {

    private static final Logger log = LoggerFactory.getLogger(WorkerPoolScheduler.class);

    /** How long an idle worker waits for a job before it looks at the pool's state again. */
    static final long IDLE_POLL_MILLIS = 50;
    /** How long {@link #close()} waits for running predictions to return. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private enum State { RUNNING, DRAINING, STOPPED }

    private final WorkerPoolConfig config;
    private final ArrayBlockingQueue<InferenceJob> queue;
    private final AtomicInteger running = new AtomicInteger();
    private final List<Worker> workers;
    private final CountDownLatch exited;
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile State state = State.RUNNING;

    private WorkerPoolScheduler(ServedModel model, WorkerPoolConfig config, Ticker ticker) {
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.exited = new CountDownLatch(config.workers());
        List<Worker> list = new ArrayList<>(config.workers());
        for (int i = 0; i < config.workers(); i++) {
            list.add(new Worker(this, model, ticker, running));
        }
        this.workers = List.copyOf(list);
    }

    /**
     * Starts the workers and waits until each has created its model instance on its own thread.
     *
     * @throws IllegalStateException when a worker could not create its instance (the pool is closed)
     */
    public static WorkerPoolScheduler start(ServedModel model, WorkerPoolConfig config, Ticker ticker) {
        requireNonNull(model, "model");
        requireNonNull(config, "config");
        requireNonNull(ticker, "ticker");
        WorkerPoolScheduler pool = new WorkerPoolScheduler(model, config, ticker);
        for (int i = 0; i < pool.workers.size(); i++) {
            Thread thread = new Thread(pool.workers.get(i), "shunt-cpu-worker-" + (i + 1));
            thread.setUncaughtExceptionHandler((t, e) -> log.error("{} died", t.getName(), e));
            thread.start();
        }
        pool.awaitReady();
        return pool;
    }

    private void awaitReady() {
        for (int i = 0; i < workers.size(); i++) {
            try {
                workers.get(i).ready().get();
            } catch (ExecutionException e) {
                close();
                throw new IllegalStateException("shunt-cpu-worker-" + (i + 1) + " could not create a model instance: "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while the workers created their model instances", e);
            }
        }
    }

    @Override
    public CompletableFuture<InferenceResult> submit(InferenceJob job) {
        requireNonNull(job, "job");
        if (state != State.RUNNING) {
            job.result().completeExceptionally(new ShuttingDownException());
            return job.result();
        }
        if (!queue.offer(job)) {
            job.result().completeExceptionally(new QueueFullException(config.queueCapacity(), config.queueCapacity()));
            return job.result();
        }
        // A shutdown may have begun after the check above, and its workers may be gone already:
        // take the job back unless a worker or the shutdown has it.
        if (state != State.RUNNING && queue.remove(job)) {
            job.result().completeExceptionally(new ShuttingDownException());
        }
        return job.result();
    }

    @Override
    public int queueDepth() {
        return queue.size();
    }

    @Override
    public int running() {
        return running.get();
    }

    @Override
    public int queueCapacity() {
        return config.queueCapacity();
    }

    /** The pool's size. */
    public WorkerPoolConfig config() {
        return config;
    }

    /**
     * Stops admitting at once; queued and running jobs may finish within {@code grace}, then queued
     * ones and running ones are failed with {@link ShuttingDownException}. The returned future
     * completes once every worker has returned from predict, closed its instance and exited. Never
     * blocks; the waiting happens on a thread of its own. Later calls return the first call's outcome.
     */
    @Override
    public CompletableFuture<Void> shutdown(Duration grace) {
        requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace: " + grace + " (expected: >= 0)");
        }
        if (shutdownStarted.compareAndSet(false, true)) {
            advance(State.DRAINING);
            Thread terminator = new Thread(() -> terminate(grace), "shunt-cpu-shutdown");
            terminator.setDaemon(true);
            terminator.start();
        }
        return terminated.copy();
    }

    /**
     * Shuts down with no grace and waits (up to {@link #CLOSE_WAIT}) until the workers have closed
     * their model instances, so that the model itself may be closed next.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = shutdown(Duration.ZERO);
        stopNow(); // in case a shutdown with a grace was already under way
        try {
            done.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{} worker(s) still in predict {} after close; not waiting for them",
                    exited.getCount(), CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("shutdown failed", e.getCause());
        }
    }

    private void terminate(Duration grace) {
        try {
            if (!exited.await(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                stopNow();
            }
            exited.await();
            terminated.complete(null);
        } catch (InterruptedException e) {
            stopNow();
            terminated.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            terminated.completeExceptionally(e);
            throw e;
        }
    }

    /** Fails everything queued or running; workers exit after their current predict. */
    private void stopNow() {
        advance(State.STOPPED);
        for (InferenceJob job = queue.poll(); job != null; job = queue.poll()) {
            job.result().completeExceptionally(new ShuttingDownException());
        }
        for (Worker worker : workers) {
            InferenceJob job = worker.current();
            if (job != null) {
                job.result().completeExceptionally(new ShuttingDownException());
            }
        }
    }

    private synchronized void advance(State next) {
        if (next.compareTo(state) > 0) {
            state = next;
        }
    }

    /**
     * The next job for a worker, or null when the worker should exit: at once after a forced stop,
     * and once the queue is empty while draining.
     */
    InferenceJob next() throws InterruptedException {
        while (true) {
            State now = state;
            if (now == State.STOPPED) {
                return null;
            }
            if (now == State.DRAINING) {
                return queue.poll();
            }
            InferenceJob job = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (job != null) {
                return job;
            }
        }
    }

    /** Whether jobs taken now must be failed rather than run. */
    boolean stopped() {
        return state == State.STOPPED;
    }

    void workerExited() {
        exited.countDown();
    }
}
