package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.BackendException;
import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.JobRunner;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.protocol.InferOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each job alone, one predict call per job (a latency server does not wait for company). A
 * failing predict fails that job only: with a {@link ModelExecutionException} carrying the first line
 * of the failure's message, unless it threw a {@link BackendException}.
 */
final class SingleJobRunner implements JobRunner {

    private final Ticker ticker;

    SingleJobRunner(Ticker ticker) {
        this.ticker = requireNonNull(ticker, "ticker");
    }

    @Override
    public Completion run(ModelInstance instance, List<InferenceJob> jobs) {
        List<Completion> completions = new ArrayList<>(jobs.size());
        for (InferenceJob job : jobs) {
            completions.add(runAlone(instance, job));
        }
        return completions.size() == 1 ? completions.get(0) : () -> completions.forEach(Completion::complete);
    }

    private Completion runAlone(ModelInstance instance, InferenceJob job) {
        long start = ticker.nanoTime();
        try {
            List<InferOutput> outputs = requireNonNull(instance.predict(job.request().inputs()), "outputs");
            long end = ticker.nanoTime();
            InferenceResult result = new InferenceResult(outputs, start - job.enqueuedNanos(), end - start, job.rows());
            return () -> job.result().complete(result);
        } catch (RuntimeException | Error e) {
            BackendException failure = asBackendException(e);
            if (e instanceof VirtualMachineError fatal) {
                job.result().completeExceptionally(failure);
                throw fatal;
            }
            return () -> job.result().completeExceptionally(failure);
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
