package dev.shunt.backend.schedule;

import static java.util.Objects.requireNonNull;

import dev.shunt.protocol.InferOutput;
import java.util.List;

/**
 * The outputs of one job and where its time went.
 *
 * @param outputs this job's rows of every output, in the model's output order
 * @param queueNanos time from admission to the start of compute
 * @param computeNanos time the model took for the whole batch this job ran in
 * @param batchRows rows in that batch (1 job or many)
 */
public record InferenceResult(List<InferOutput> outputs, long queueNanos, long computeNanos, int batchRows) {

    public InferenceResult {
        outputs = List.copyOf(requireNonNull(outputs, "outputs"));
    }
}
