package dev.shunt.backend.gpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.BackendException;
import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.protocol.InferOutput;
import java.util.List;

/**
 * What one batch's model call produced: each job's outputs, or the one failure of the whole batch.
 * Computed first, the futures completed after, so that the model instance is free again before
 * whatever the futures' callbacks do runs on the worker thread.
 */
final class BatchOutcome {

    private final List<InferenceJob> jobs;
    private final int rows;
    private final long startNanos;
    private final long computeNanos;
    private final List<List<InferOutput>> perJob;
    private final BackendException failure;

    private BatchOutcome(BatchPlan.Dispatch batch, long startNanos, long computeNanos, List<List<InferOutput>> perJob,
            BackendException failure) {
        this.jobs = batch.jobs();
        this.rows = batch.rows();
        this.startNanos = startNanos;
        this.computeNanos = computeNanos;
        this.perJob = perJob;
        this.failure = failure;
    }

    /**
     * Assembles the batch, runs it on the instance and splits the outputs per job. Any failure,
     * the model's or the assembly's, becomes the batch's failure: a {@link BackendException} as it
     * is, anything else as a {@link ModelExecutionException}. Never throws.
     */
    static BatchOutcome compute(ModelInstance instance, BatchPlan.Dispatch batch, Ticker ticker) {
        requireNonNull(instance, "instance");
        requireNonNull(batch, "batch");
        long start = ticker.nanoTime();
        try {
            List<InferOutput> outputs = instance.predict(BatchAssembler.concat(batch.jobs()));
            long compute = ticker.nanoTime() - start;
            return new BatchOutcome(batch, start, compute, BatchAssembler.split(outputs, batch.jobs()), null);
        } catch (Throwable t) {
            BackendException failure = t instanceof BackendException e ? e
                    : new ModelExecutionException("batch failed: " + describe(t), t);
            return new BatchOutcome(batch, start, ticker.nanoTime() - start, null, failure);
        }
    }

    /** Completes every job's future: with its own rows and timings, or with the batch's failure. */
    void completeFutures() {
        for (int i = 0; i < jobs.size(); i++) {
            InferenceJob job = jobs.get(i);
            if (failure != null) {
                job.result().completeExceptionally(failure);
            } else {
                job.result().complete(
                        new InferenceResult(perJob.get(i), startNanos - job.enqueuedNanos(), computeNanos, rows));
            }
        }
    }

    int rows() {
        return rows;
    }

    int jobCount() {
        return jobs.size();
    }

    /** From the start of the batch (assembling its inputs included) to the model's return. */
    long computeNanos() {
        return computeNanos;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
