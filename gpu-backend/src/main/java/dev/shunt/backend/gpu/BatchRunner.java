package dev.shunt.backend.gpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.JobRunner;
import dev.shunt.backend.schedule.Ticker;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs of a take as one batch ({@link BatchOutcome}); the listener hears of the batch
 * before any of its futures completes, so a client that has its answer sees the batch counted.
 */
final class BatchRunner implements JobRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    private final Ticker ticker;
    private final BatchListener listener;

    BatchRunner(Ticker ticker, BatchListener listener) {
        this.ticker = requireNonNull(ticker, "ticker");
        this.listener = requireNonNull(listener, "listener");
    }

    @Override
    public Completion run(ModelInstance instance, List<InferenceJob> jobs) {
        BatchOutcome outcome = BatchOutcome.compute(instance, new BatchPlan.Dispatch(jobs), ticker);
        return () -> {
            try {
                listener.onBatch(outcome.rows(), outcome.jobCount(), outcome.computeNanos());
            } catch (RuntimeException e) {
                log.warn("batch listener failed", e);
            }
            outcome.completeFutures();
        };
    }
}
