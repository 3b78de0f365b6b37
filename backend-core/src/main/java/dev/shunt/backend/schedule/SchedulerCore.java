package dev.shunt.backend.schedule;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.BackendException;
import dev.shunt.backend.model.ServedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle both model servers share, in the manner of DJL Serving's one worker loop that takes
 * different aggregators: admission into a bounded queue, the phases RUNNING, DRAINING and STOPPED with
 * a grace period, one worker thread per model instance, and deadlines. What a free worker takes next
 * is the {@link JobTaker}'s choice (one job first in first out, or a planned batch), and how the taken
 * jobs run is the {@link JobRunner}'s.
 *
 * <ul>
 *   <li>Admission is checked before queueing, on the caller's thread: a full queue fails the job with
 *       a {@link dev.shunt.backend.error.QueueFullException}, a shutdown with a
 *       {@link dev.shunt.backend.error.ShuttingDownException}. Jobs without a deadline may get a default one.
 *   <li>Workers ({@code <prefix>-worker-1..N}) each create, use and close their own model instance on
 *       their own thread; {@link Builder#start()} returns once every instance exists.
 *   <li>A job whose deadline passes while it waits fails with a
 *       {@link dev.shunt.backend.error.DeadlineExceededException} at that deadline (the
 *       {@code <prefix>-timer} thread watches while every worker is busy) and never reaches the model.
 *   <li>{@link #shutdown(Duration)} stops admitting, runs what is queued without waiting for company,
 *       and when the grace ends fails what is queued or running. Times are {@link Ticker} times, so
 *       tests drive them with a fake ticker and {@link #wakeUp()}.
 * </ul>
 */
public final class SchedulerCore implements InferenceScheduler {

    private static final Logger log = LoggerFactory.getLogger(SchedulerCore.class);
    /** How long {@link #close()} waits for workers that run nothing to close their instances. */
    private static final Duration IDLE_EXIT_WAIT = Duration.ofSeconds(10);
    private static final Duration MAX_GRACE = Duration.ofDays(365);

    private final WorkLoop loop;
    private final int capacity;
    private final String name;
    private final long defaultDeadlineNanos;
    private final Duration closeWait;

    private SchedulerCore(WorkLoop loop, Builder builder) {
        this.loop = loop;
        this.capacity = builder.taker.capacity();
        this.name = builder.threadPrefix;
        this.defaultDeadlineNanos = builder.defaultDeadline.toNanos();
        this.closeWait = builder.closeWait;
    }

    /**
     * A builder of a core over {@code model}'s instances, with its taker (the queue and what to take
     * next) and its runner (how taken jobs run).
     */
    public static Builder builder(ServedModel model, JobTaker taker, JobRunner runner) {
        return new Builder(model, taker, runner);
    }

    @Override
    public CompletableFuture<InferenceResult> submit(InferenceJob job) {
        requireNonNull(job, "job");
        BackendException refused = loop.admit(withDefaultDeadline(job));
        if (refused != null) {
            job.result().completeExceptionally(refused);
        }
        return job.result();
    }

    @Override
    public int queueDepth() {
        return loop.queueDepth();
    }

    @Override
    public int running() {
        return loop.running();
    }

    @Override
    public int queueCapacity() {
        return capacity;
    }

    /**
     * Stops admitting at once; queued and running jobs may finish within {@code grace} (ticker time),
     * then what is left fails with a shutting-down error. A shorter grace given later wins. The future
     * completes once every worker has returned from the model, closed its instance and exited; every
     * call gets its own copy of it. Never blocks.
     */
    @Override
    public CompletableFuture<Void> shutdown(Duration grace) {
        requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace: " + grace + " (expected: >= 0)");
        }
        WorkLoop.shutDown(loop.shutdown((grace.compareTo(MAX_GRACE) > 0 ? MAX_GRACE : grace).toNanos()));
        return loop.terminated().copy();
    }

    /**
     * Stops at once, failing what is queued or running; returns once every worker that was not inside
     * the model has closed its instance, having waited up to the close wait for the others.
     */
    @Override
    public void close() {
        WorkLoop.shutDown(loop.stop());
        if (!loop.awaitExits(IDLE_EXIT_WAIT.toNanos(), closeWait.toNanos()) && !closeWait.isZero()) {
            log.warn("{}: worker(s) still in predict {} after close; not waiting for them", name, closeWait);
        }
    }

    /** Makes every waiting thread look at the ticker again now (after a fake ticker moved). */
    public void wakeUp() {
        loop.wakeUp();
    }

    private InferenceJob withDefaultDeadline(InferenceJob job) {
        if (defaultDeadlineNanos == 0 || job.deadlineNanos() != TickerTimes.NEVER) {
            return job;
        }
        return new InferenceJob(job.request(), job.rows(), job.latencyClass(), job.enqueuedNanos(),
                job.enqueuedNanos() + defaultDeadlineNanos, job.result());
    }

    /** Configures and starts a {@link SchedulerCore}. */
    public static final class Builder {

        private final ServedModel model;
        private final JobTaker taker;
        private final JobRunner runner;
        private String threadPrefix = "shunt";
        private int workers = 1;
        private Ticker ticker = Ticker.system();
        private Duration defaultDeadline = Duration.ZERO;
        private Duration closeWait = Duration.ZERO;
        private Consumer<InferenceJob> onExpired = job -> { };

        private Builder(ServedModel model, JobTaker taker, JobRunner runner) {
            this.model = requireNonNull(model, "model");
            this.taker = requireNonNull(taker, "taker");
            this.runner = requireNonNull(runner, "runner");
        }

        /** Names the threads {@code <prefix>-worker-1..N} and {@code <prefix>-timer} (default {@code shunt}). */
        public Builder threadPrefix(String threadPrefix) {
            requireNonNull(threadPrefix, "threadPrefix");
            if (threadPrefix.isBlank()) {
                throw new IllegalArgumentException("threadPrefix: \"" + threadPrefix + "\" (expected: not blank)");
            }
            this.threadPrefix = threadPrefix;
            return this;
        }

        /** Worker threads, each with its own model instance (default 1). */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers: " + workers + " (expected: > 0)");
            }
            this.workers = workers;
            return this;
        }

        /** The clock of admission times, deadlines, planned waits and the grace (default: the system's). */
        public Builder ticker(Ticker ticker) {
            this.ticker = requireNonNull(ticker, "ticker");
            return this;
        }

        /** The deadline, counted from admission, of jobs that carry none; zero (the default) for none. */
        public Builder defaultDeadline(Duration defaultDeadline) {
            requireNonNull(defaultDeadline, "defaultDeadline");
            if (defaultDeadline.isNegative()) {
                throw new IllegalArgumentException("defaultDeadline: " + defaultDeadline + " (expected: >= 0)");
            }
            this.defaultDeadline = defaultDeadline;
            return this;
        }

        /**
         * How long {@link SchedulerCore#close()} waits for workers inside the model to return and close
         * their instances (so that the model itself may be closed next); zero (the default) waits only
         * for the idle ones, and the busy ones close theirs when the model returns.
         */
        public Builder closeWait(Duration closeWait) {
            requireNonNull(closeWait, "closeWait");
            if (closeWait.isNegative()) {
                throw new IllegalArgumentException("closeWait: " + closeWait + " (expected: >= 0)");
            }
            this.closeWait = closeWait;
            return this;
        }

        /**
         * Hears each job that expires, before its future fails; called from the core's threads, so it
         * must be thread-safe and quick; what it throws is logged and ignored.
         */
        public Builder onExpired(Consumer<InferenceJob> onExpired) {
            this.onExpired = requireNonNull(onExpired, "onExpired");
            return this;
        }

        /**
         * Starts the workers and the timer and waits until every worker has created its model instance.
         *
         * @throws IllegalStateException when a worker could not create its instance (the core is closed)
         */
        public SchedulerCore start() {
            WorkLoop loop = new WorkLoop(ticker, taker, workers);
            SchedulerCore core = new SchedulerCore(loop, this);
            Expiry expiry = new Expiry(onExpired);
            List<LoopWorker> started = new ArrayList<>(workers);
            for (int i = 1; i <= workers; i++) {
                LoopWorker worker = new LoopWorker(loop, model, runner, ticker, expiry);
                started.add(worker);
                startThread(worker, threadPrefix + "-worker-" + i);
            }
            startThread(new Housekeeper(loop, expiry), threadPrefix + "-timer");
            for (int i = 0; i < started.size(); i++) {
                try {
                    started.get(i).ready().get();
                } catch (ExecutionException e) {
                    core.close();
                    throw new IllegalStateException(threadPrefix + "-worker-" + (i + 1)
                            + " could not create a model instance: " + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    core.close();
                    throw new IllegalStateException("interrupted while the workers created their model instances", e);
                }
            }
            return core;
        }

        private static void startThread(Runnable body, String name) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> log.error("{} died", t.getName(), e));
            thread.start();
        }
    }
}
