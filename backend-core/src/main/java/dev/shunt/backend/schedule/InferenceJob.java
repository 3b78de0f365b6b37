package dev.shunt.backend.schedule;

import static java.util.Objects.requireNonNull;

import dev.shunt.protocol.InferenceRequest;
import dev.shunt.vocabulary.LatencyClass;
import java.util.concurrent.CompletableFuture;

/**
 * One validated request waiting to run, with its future. Schedulers complete {@link #result()}
 * exactly once: with outputs, or exceptionally with a {@link dev.shunt.backend.error.BackendException}.
 *
 * @param request the decoded, validated request
 * @param rows the size of the batch dimension (first dimension of the inputs)
 * @param latencyClass how urgent the request is
 * @param enqueuedNanos {@link Ticker} time at admission
 * @param deadlineNanos {@link Ticker} time after which nobody waits for the answer, or
 *     {@link Long#MAX_VALUE} for none
 * @param result completed by the scheduler
 */
public record InferenceJob(
        InferenceRequest request,
        int rows,
        LatencyClass latencyClass,
        long enqueuedNanos,
        long deadlineNanos,
        CompletableFuture<InferenceResult> result) {

    public InferenceJob {
        requireNonNull(request, "request");
        requireNonNull(latencyClass, "latencyClass");
        requireNonNull(result, "result");
        if (rows < 1) {
            throw new IllegalArgumentException("rows: " + rows + " (expected: >= 1)");
        }
    }

    /** A job with a fresh future. */
    public static InferenceJob of(
            InferenceRequest request, int rows, LatencyClass latencyClass, long enqueuedNanos, long deadlineNanos) {
        return new InferenceJob(request, rows, latencyClass, enqueuedNanos, deadlineNanos, new CompletableFuture<>());
    }

    /** Whether the deadline has passed at {@code nowNanos}. */
    public boolean expiredAt(long nowNanos) {
        return deadlineNanos != Long.MAX_VALUE && nowNanos - deadlineNanos >= 0;
    }
}
