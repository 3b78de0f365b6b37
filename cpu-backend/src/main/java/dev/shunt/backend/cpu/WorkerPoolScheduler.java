package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.JobTaker;
import dev.shunt.backend.schedule.SchedulerCore;
import dev.shunt.backend.schedule.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The CPU server's scheduler: the shared {@link SchedulerCore} with a fixed pool of worker threads
 * ({@code shunt-cpu-worker-1..N}), each with its own model instance, fed first in first out from one
 * bounded queue, each job run alone ({@link SingleJobRunner}: no batching, a latency server does not
 * wait for company).
 *
 * <ul>
 *   <li>Admission: a full queue fails the job with a queue-full error; after {@link #shutdown} it
 *       fails with a shutting-down error. Both on the caller's thread.
 *   <li>A job whose deadline passes while it waits fails with a deadline error and is not run; a job
 *       whose future is already done (cancelled) is skipped.
 *   <li>A failing predict fails that job only; the worker goes on.
 *   <li>Outcomes of jobs that ran are completed on the worker thread.
 * </ul>
 */
public final class WorkerPoolScheduler implements InferenceScheduler {

    /** How long {@link #close()} waits for running predictions to return. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final WorkerPoolConfig config;
    private final SchedulerCore core;

    private WorkerPoolScheduler(WorkerPoolConfig config, SchedulerCore core) {
        this.config = config;
        this.core = core;
    }

    /**
     * Starts the workers and waits until each has created its model instance on its own thread.
     *
     * @param ticker the clock of jobs' admission times and deadlines, and of the shutdown grace
     * @throws IllegalStateException when a worker could not create its instance (the pool is closed)
     */
    public static WorkerPoolScheduler start(ServedModel model, WorkerPoolConfig config, Ticker ticker) {
        requireNonNull(model, "model");
        requireNonNull(config, "config");
        requireNonNull(ticker, "ticker");
        SchedulerCore core = SchedulerCore.builder(model, JobTaker.fifo(config.queueCapacity()), new SingleJobRunner(ticker))
                .threadPrefix("shunt-cpu")
                .workers(config.workers())
                .ticker(ticker)
                .closeWait(CLOSE_WAIT)
                .start();
        return new WorkerPoolScheduler(config, core);
    }

    @Override
    public CompletableFuture<InferenceResult> submit(InferenceJob job) {
        return core.submit(job);
    }

    @Override
    public int queueDepth() {
        return core.queueDepth();
    }

    @Override
    public int running() {
        return core.running();
    }

    @Override
    public int queueCapacity() {
        return core.queueCapacity();
    }

    /** The pool's size. */
    public WorkerPoolConfig config() {
        return config;
    }

    /**
     * Stops admitting at once; queued and running jobs may finish within {@code grace}, then queued
     * ones and running ones are failed with a shutting-down error. The returned future completes once
     * every worker has returned from predict, closed its instance and exited. Never blocks.
     */
    @Override
    public CompletableFuture<Void> shutdown(Duration grace) {
        return core.shutdown(grace);
    }

    /**
     * Shuts down with no grace and waits (up to {@link #CLOSE_WAIT}) until the workers have closed
     * their model instances, so that the model itself may be closed next.
     */
    @Override
    public void close() {
        core.close();
    }
}
