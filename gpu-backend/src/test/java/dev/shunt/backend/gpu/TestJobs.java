package dev.shunt.backend.gpu;

import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferenceRequest;
import dev.shunt.protocol.TensorData;
import dev.shunt.vocabulary.LatencyClass;
import java.util.List;

/** Jobs for tests: one FP32 input {@code input} of shape {@code [rows, 2]}. */
final class TestJobs {

    static final long NO_DEADLINE = Long.MAX_VALUE;

    private TestJobs() {}

    /** Row {@code r} holds {@code [first + r, 0.5]}, so its sum is {@code first + r + 0.5}. */
    static InferenceJob job(int rows, LatencyClass latencyClass, long enqueuedNanos, long deadlineNanos, float first) {
        float[] values = new float[rows * 2];
        for (int r = 0; r < rows; r++) {
            values[2 * r] = first + r;
            values[2 * r + 1] = 0.5f;
        }
        InferInput input = InferInput.of("input", new long[] {rows, 2}, Datatype.FP32, new TensorData.Floats(values));
        return InferenceJob.of(request(input), rows, latencyClass, enqueuedNanos, deadlineNanos);
    }

    static InferenceJob job(int rows, LatencyClass latencyClass, long enqueuedNanos) {
        return job(rows, latencyClass, enqueuedNanos, NO_DEADLINE, 0);
    }

    static InferenceJob withDeadline(int rows, long enqueuedNanos, long deadlineNanos) {
        return job(rows, LatencyClass.STANDARD, enqueuedNanos, deadlineNanos, 0);
    }

    /** A job whose input has {@code width} columns instead of 2. */
    static InferenceJob ofWidth(int rows, int width, long enqueuedNanos) {
        InferInput input = InferInput.of("input", new long[] {rows, width}, Datatype.FP32,
                new TensorData.Floats(new float[rows * width]));
        return InferenceJob.of(request(input), rows, LatencyClass.STANDARD, enqueuedNanos, NO_DEADLINE);
    }

    static InferenceRequest request(InferInput... inputs) {
        return new InferenceRequest(null, null, List.of(inputs), null);
    }
}
