package dev.shunt.backend.schedule;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.model.ServedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread of a {@link SchedulerCore}: creates its own model instance, takes work from the
 * loop, runs it with the {@link JobRunner} and completes the futures on this thread, and closes the
 * instance when it exits. Jobs already complete (cancelled, or failed by a stop) or past their
 * deadline when the run begins never reach the model.
 */
final class LoopWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LoopWorker.class);
    private static final JobRunner.Completion NOTHING = () -> { };

    private final WorkLoop loop;
    private final ServedModel model;
    private final JobRunner runner;
    private final Ticker ticker;
    private final Expiry expiry;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    LoopWorker(WorkLoop loop, ServedModel model, JobRunner runner, Ticker ticker, Expiry expiry) {
        this.loop = requireNonNull(loop, "loop");
        this.model = requireNonNull(model, "model");
        this.runner = requireNonNull(runner, "runner");
        this.ticker = requireNonNull(ticker, "ticker");
        this.expiry = requireNonNull(expiry, "expiry");
    }

    /** Completes once this worker has its model instance, or exceptionally when it could not get one. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public void run() {
        ModelInstance instance;
        try {
            instance = requireNonNull(model.newInstance(), "model.newInstance()");
        } catch (RuntimeException | Error e) {
            ready.completeExceptionally(e);
            loop.exited();
            return;
        }
        ready.complete(null);
        try {
            serve(instance);
        } finally {
            try {
                instance.close();
            } catch (RuntimeException e) {
                log.warn("closing the model instance of {} failed", Thread.currentThread().getName(), e);
            }
            loop.exited();
        }
    }

    private void serve(ModelInstance instance) {
        while (true) {
            Turn turn = loop.nextTurn(this);
            expiry.fail(turn.expired(), turn.nowNanos());
            if (turn.exit()) {
                return;
            }
            if (!turn.run().isEmpty()) {
                run(instance, turn.run());
            }
        }
    }

    private void run(ModelInstance instance, List<InferenceJob> taken) {
        List<InferenceJob> live = List.of();
        JobRunner.Completion completion;
        try {
            live = live(taken);
            completion = live.isEmpty() ? NOTHING : requireNonNull(runner.run(instance, live), "completion");
        } catch (RuntimeException | Error e) {
            loop.finished(this);
            ModelExecutionException failure = new ModelExecutionException("model failed: " + e, e);
            live.forEach(job -> job.result().completeExceptionally(failure));
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            log.warn("the job runner threw instead of failing its jobs", e);
            return;
        }
        loop.finished(this);
        try {
            completion.complete();
        } catch (RuntimeException e) {
            log.warn("completing the jobs' futures failed", e);
        }
    }

    /** The jobs that still want an answer and may still get one in time; fails the late ones. */
    private List<InferenceJob> live(List<InferenceJob> taken) {
        long now = ticker.nanoTime();
        List<InferenceJob> live = new ArrayList<>(taken.size());
        for (InferenceJob job : taken) {
            if (job.result().isDone()) {
                continue; // cancelled by its caller, or failed by a stop: nobody waits for it
            }
            if (job.expiredAt(now)) {
                expiry.fail(job, now);
                continue;
            }
            live.add(job);
        }
        return live;
    }
}
