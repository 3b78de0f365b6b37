package dev.shunt.backend.schedule;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.DeadlineExceededException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fails jobs whose deadline has passed, after telling the listener (which must not throw, and is ignored when it does). */
final class Expiry {

    private static final Logger log = LoggerFactory.getLogger(Expiry.class);

    private final Consumer<InferenceJob> listener;

    Expiry(Consumer<InferenceJob> listener) {
        this.listener = requireNonNull(listener, "listener");
    }

    void fail(List<InferenceJob> jobs, long nowNanos) {
        for (InferenceJob job : jobs) {
            fail(job, nowNanos);
        }
    }

    void fail(InferenceJob job, long nowNanos) {
        try {
            listener.accept(job);
        } catch (RuntimeException e) {
            log.warn("expiry listener failed", e);
        }
        job.result().completeExceptionally(new DeadlineExceededException(
                "deadline passed after " + (nowNanos - job.enqueuedNanos()) / 1_000_000 + " ms in queue"));
    }
}
