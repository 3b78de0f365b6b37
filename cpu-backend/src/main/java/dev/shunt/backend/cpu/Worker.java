package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.BackendException;
import dev.shunt.backend.error.DeadlineExceededException;
import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.error.ShuttingDownException;
import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.protocol.InferOutput;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread of a {@link WorkerPoolScheduler}: creates its own model instance, runs jobs one
 * at a time and completes their futures on this thread, and closes the instance when it exits.
 */
final class Worker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final WorkerPoolScheduler pool;
    private final ServedModel model;
    private final Ticker ticker;
    private final AtomicInteger running;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile InferenceJob current;

    Worker(WorkerPoolScheduler pool, ServedModel model, Ticker ticker, AtomicInteger running) {
        this.pool = requireNonNull(pool, "pool");
        this.model = requireNonNull(model, "model");
        this.ticker = requireNonNull(ticker, "ticker");
        this.running = requireNonNull(running, "running");
    }

    /** Completes once this worker has its model instance, or exceptionally when it could not get one. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** The job this worker has taken and not yet finished, or null. */
    InferenceJob current() {
        return current;
    }

    @Override
    public void run() {
        ModelInstance instance;
        try {
            instance = requireNonNull(model.newInstance(), "model.newInstance()");
        } catch (RuntimeException | Error e) {
            ready.completeExceptionally(e);
            pool.workerExited();
            return;
        }
        ready.complete(null);
        try {
            loop(instance);
        } finally {
            current = null;
            try {
                instance.close();
            } catch (RuntimeException e) {
                log.warn("closing the model instance of {} failed", Thread.currentThread().getName(), e);
            }
            pool.workerExited();
        }
    }

    private void loop(ModelInstance instance) {
        while (true) {
            InferenceJob job;
            try {
                job = pool.next();
            } catch (InterruptedException e) {
                continue; // the pool's state, not interrupts, decides when a worker exits
            }
            if (job == null) {
                return;
            }
            current = job;
            if (pool.stopped()) {
                job.result().completeExceptionally(new ShuttingDownException());
                return;
            }
            execute(job, instance);
            current = null;
        }
    }

    private void execute(InferenceJob job, ModelInstance instance) {
        InferenceResult result;
        try {
            long start = ticker.nanoTime();
            if (job.result().isDone()) {
                return; // cancelled by its caller, or failed by a shutdown: nobody waits for it
            }
            if (job.expiredAt(start)) {
                long waitedMs = TimeUnit.NANOSECONDS.toMillis(start - job.enqueuedNanos());
                job.result().completeExceptionally(
                        new DeadlineExceededException("deadline passed after " + waitedMs + " ms in queue"));
                return;
            }
            result = predict(job, instance, start);
        } catch (RuntimeException | Error e) {
            job.result().completeExceptionally(asBackendException(e));
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return;
        }
        job.result().complete(result);
    }

    private InferenceResult predict(InferenceJob job, ModelInstance instance, long start) {
        running.incrementAndGet();
        try {
            List<InferOutput> outputs = instance.predict(job.request().inputs());
            long end = ticker.nanoTime();
            requireNonNull(outputs, "outputs");
            return new InferenceResult(outputs, start - job.enqueuedNanos(), end - start, job.rows());
        } finally {
            running.decrementAndGet();
        }
    }

    private static BackendException asBackendException(Throwable failure) {
        if (failure instanceof BackendException e) {
            return e;
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return new ModelExecutionException("model failed: " + (newline < 0 ? message : message.substring(0, newline)),
                failure);
    }
}
