package dev.shunt.backend.gpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.BackendException;
import dev.shunt.backend.error.DeadlineExceededException;
import dev.shunt.backend.error.QueueFullException;
import dev.shunt.backend.error.ShuttingDownException;
import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler that batches jobs dynamically, like Triton's dynamic batcher. One dispatcher thread
 * ({@code shunt-gpu-batcher}) asks a {@link BatchQueue} what to do whenever a job arrives, a model
 * instance comes free or a planned wait ends, and hands each batch to one of {@code instances} worker
 * threads, each with its own {@link ModelInstance}. While every instance is busy the queue keeps
 * filling, so batches grow with load.
 *
 * <p>Every future of a batch is completed, on success and on failure (a {@link dev.shunt.backend.error.ModelExecutionException}
 * for the whole batch when the model fails). Jobs whose deadline passes in the queue fail with a
 * {@link DeadlineExceededException} and never reach the model. {@link #shutdown(Duration)} stops
 * admitting, sends what is queued without waiting for the queue delay, and after the grace fails what
 * is left with a {@link ShuttingDownException}.
 */
public final class DynamicBatcher implements InferenceScheduler {

    private static final Logger log = LoggerFactory.getLogger(DynamicBatcher.class);
    private static final long MAX_GRACE_NANOS = Duration.ofDays(365).toNanos();

    private enum State { RUNNING, DRAINING, STOPPED }

    private final BatchingConfig config;
    private final Ticker ticker;
    private final BatchListener listener;
    private final long defaultTimeoutNanos;
    private final ExecutorService workers;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock:
    private final BatchQueue queue;
    private final ArrayDeque<ModelInstance> idle = new ArrayDeque<>();
    private final Set<InferenceJob> runningJobs = Collections.newSetFromMap(new IdentityHashMap<>());
    private int runningBatches;
    private State state = State.RUNNING;
    private long graceDeadline;
    private boolean closed;

    /** A batcher on the system clock that reports to nobody. */
    public DynamicBatcher(ServedModel model, BatchingConfig config, int instances) {
        this(model, config, instances, Ticker.system(), BatchListener.noop());
    }

    /**
     * Creates {@code instances} model instances and worker threads and starts the dispatcher.
     *
     * @param instances model instances that may run batches at once (1, or 2 to overlap host work
     *     with device compute)
     * @param ticker the clock of jobs' admission times and deadlines
     */
    public DynamicBatcher(ServedModel model, BatchingConfig config, int instances, Ticker ticker,
            BatchListener listener) {
        requireNonNull(model, "model");
        this.config = requireNonNull(config, "config");
        this.ticker = requireNonNull(ticker, "ticker");
        this.listener = requireNonNull(listener, "listener");
        if (instances < 1) {
            throw new IllegalArgumentException("instances: " + instances + " (expected: > 0)");
        }
        this.defaultTimeoutNanos = config.defaultQueueTimeout().toNanos();
        this.queue = new BatchQueue(config);
        try {
            for (int i = 0; i < instances; i++) {
                idle.add(model.newInstance());
            }
        } catch (RuntimeException e) {
            idle.forEach(DynamicBatcher::closeQuietly);
            throw e;
        }
        AtomicInteger workerIds = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(instances, task -> {
            Thread t = new Thread(task, "shunt-gpu-worker-" + workerIds.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        Thread dispatcher = new Thread(this::dispatchLoop, "shunt-gpu-batcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    @Override
    public CompletableFuture<InferenceResult> submit(InferenceJob job) {
        requireNonNull(job, "job");
        InferenceJob admitted = withDefaultDeadline(job);
        BackendException refused = null;
        lock.lock();
        try {
            if (state != State.RUNNING) {
                refused = new ShuttingDownException();
            } else if (!queue.offer(admitted)) {
                refused = new QueueFullException(queue.size(), config.queueCapacity());
            } else {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
        if (refused != null) {
            job.result().completeExceptionally(refused);
        }
        return job.result();
    }

    @Override
    public int queueDepth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int running() {
        lock.lock();
        try {
            return runningJobs.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int queueCapacity() {
        return config.queueCapacity();
    }

    @Override
    public CompletableFuture<Void> shutdown(Duration grace) {
        requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace: " + grace + " (expected: >= 0)");
        }
        boolean done;
        lock.lock();
        try {
            beginShutdown(grace.compareTo(Duration.ofNanos(MAX_GRACE_NANOS)) > 0 ? MAX_GRACE_NANOS : grace.toNanos());
            done = isTerminated();
        } finally {
            lock.unlock();
        }
        if (done) {
            terminated.complete(null);
        }
        return terminated.copy();
    }

    @Override
    public void close() {
        List<ModelInstance> unused;
        lock.lock();
        try {
            beginShutdown(0);
            closed = true;
            unused = new ArrayList<>(idle);
            idle.clear();
        } finally {
            lock.unlock();
        }
        workers.shutdown();
        unused.forEach(DynamicBatcher::closeQuietly);
    }

    /** Makes the dispatcher plan again now (tests that move a fake ticker). */
    void wakeUp() {
        lock.lock();
        try {
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void beginShutdown(long graceNanos) {
        long deadline = ticker.nanoTime() + graceNanos;
        if (state == State.RUNNING) {
            state = State.DRAINING;
            graceDeadline = deadline;
        } else if (state == State.DRAINING && deadline - graceDeadline < 0) {
            graceDeadline = deadline;
        }
        changed.signal();
    }

    private boolean isTerminated() {
        return state != State.RUNNING && queue.isEmpty() && runningBatches == 0;
    }

    private InferenceJob withDefaultDeadline(InferenceJob job) {
        if (defaultTimeoutNanos == 0 || job.deadlineNanos() != Long.MAX_VALUE) {
            return job;
        }
        return new InferenceJob(job.request(), job.rows(), job.latencyClass(), job.enqueuedNanos(),
                job.enqueuedNanos() + defaultTimeoutNanos, job.result());
    }

    private void dispatchLoop() {
        try {
            boolean exit = false;
            while (!exit) {
                exit = dispatchOnce();
            }
        } catch (Throwable t) {
            log.error("the batch dispatcher failed; failing every queued job", t);
            List<InferenceJob> left;
            boolean done;
            lock.lock();
            try {
                state = State.STOPPED;
                left = queue.drain();
                done = isTerminated();
            } finally {
                lock.unlock();
            }
            fail(left, new ShuttingDownException());
            if (done) {
                terminated.complete(null);
            }
        }
    }

    /** One turn of the dispatcher: plan, wait or hand out one batch. True when it should stop. */
    private boolean dispatchOnce() {
        List<InferenceJob> expired;
        List<InferenceJob> abandoned = List.of();
        BatchPlan.Dispatch batch = null;
        ModelInstance instance = null;
        boolean exit = false;
        boolean done;
        long now;
        lock.lock();
        try {
            now = ticker.nanoTime();
            expired = queue.expire(now);
            if (state != State.RUNNING && (closed || now - graceDeadline >= 0)) {
                state = State.STOPPED;
                abandoned = queue.drain();
                abandoned.addAll(runningJobs);
                exit = true;
            } else if (expired.isEmpty()) {
                long wakeAt = state == State.RUNNING ? Long.MAX_VALUE : graceDeadline;
                if (idle.isEmpty()) {
                    awaitUntil(TickerTimes.sooner(queue.nextDeadline(), wakeAt), now);
                } else {
                    BatchPlan plan = state == State.RUNNING ? queue.plan(now) : queue.flush();
                    if (plan instanceof BatchPlan.Dispatch dispatch) {
                        batch = dispatch;
                        instance = idle.poll();
                        runningBatches++;
                        runningJobs.addAll(dispatch.jobs());
                    } else if (plan instanceof BatchPlan.Wait wait) {
                        awaitUntil(TickerTimes.sooner(wait.untilNanos(), wakeAt), now);
                    } else if (state == State.RUNNING || runningBatches > 0) {
                        awaitUntil(wakeAt, now);
                    } else {
                        exit = true;
                    }
                }
            }
            done = isTerminated();
        } finally {
            lock.unlock();
        }
        for (InferenceJob job : expired) {
            notifyListener(() -> listener.onExpired(job.latencyClass()));
            job.result().completeExceptionally(new DeadlineExceededException(
                    "deadline passed after " + (now - job.enqueuedNanos()) / 1_000_000 + " ms in queue"));
        }
        fail(abandoned, new ShuttingDownException());
        if (batch != null) {
            start(instance, batch);
        }
        if (done) {
            terminated.complete(null);
        }
        return exit;
    }

    private void awaitUntil(long untilNanos, long nowNanos) {
        try {
            if (untilNanos == Long.MAX_VALUE) {
                changed.await();
            } else if (untilNanos - nowNanos > 0) {
                changed.awaitNanos(untilNanos - nowNanos);
            }
        } catch (InterruptedException e) {
            // Nobody interrupts the dispatcher on purpose: plan again.
        }
    }

    private void start(ModelInstance instance, BatchPlan.Dispatch batch) {
        try {
            workers.execute(() -> run(instance, batch));
        } catch (RejectedExecutionException e) {
            release(instance);
            fail(batch.jobs(), new ShuttingDownException());
            finish(batch.jobs());
        }
    }

    /** Runs one batch on a worker thread and completes every one of its futures. */
    private void run(ModelInstance instance, BatchPlan.Dispatch batch) {
        BatchOutcome outcome = BatchOutcome.compute(instance, batch, ticker);
        release(instance);
        try {
            notifyListener(() -> listener.onBatch(outcome.rows(), outcome.jobCount(), outcome.computeNanos()));
            outcome.completeFutures();
        } finally {
            finish(batch.jobs());
        }
    }

    /** Gives a worker's instance back (or closes it after {@link #close()}) and wakes the dispatcher. */
    private void release(ModelInstance instance) {
        boolean close;
        lock.lock();
        try {
            close = closed;
            if (!close) {
                idle.add(instance);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
        if (close) {
            closeQuietly(instance);
        }
    }

    /** Forgets a batch whose futures are all complete; completes the shutdown when it was the last. */
    private void finish(List<InferenceJob> jobs) {
        boolean done;
        lock.lock();
        try {
            runningBatches--;
            jobs.forEach(runningJobs::remove);
            done = isTerminated();
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (done) {
            terminated.complete(null);
        }
    }

    private static void fail(List<InferenceJob> jobs, BackendException failure) {
        for (InferenceJob job : jobs) {
            job.result().completeExceptionally(failure);
        }
    }


    private static void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("batch listener failed", e);
        }
    }

    private static void closeQuietly(ModelInstance instance) {
        try {
            instance.close();
        } catch (RuntimeException e) {
            log.warn("closing a model instance failed", e);
        }
    }
}
