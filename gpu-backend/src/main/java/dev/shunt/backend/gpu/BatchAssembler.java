package dev.shunt.backend.gpu;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.Shapes;
import dev.shunt.protocol.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns several jobs into one model call and back; pure. Inputs are concatenated along the first
 * (batch) dimension in job order, in the first job's input order, with the first job's per-tensor
 * parameters. Every output the model returns must be batched: its first dimension must equal the
 * batch's rows, and each job gets its own rows of it. An output without that batch dimension is
 * refused with a {@link ModelExecutionException}, whether the batch holds one job or many, so that
 * an answer never depends on how the queue happened to batch it.
 */
final class BatchAssembler {

    private BatchAssembler() {}

    /**
     * Whether the two jobs' inputs can be concatenated: same names, and per name the same datatype
     * and the same dimensions after the first.
     */
    static boolean canBatch(InferenceJob a, InferenceJob b) {
        List<InferInput> as = a.request().inputs();
        List<InferInput> bs = b.request().inputs();
        if (as.size() != bs.size()) {
            return false;
        }
        for (InferInput x : as) {
            InferInput y = find(bs, x.name());
            if (y == null || !sameRowType(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** The inputs of one model call for these jobs; a single job's inputs are passed unchanged. */
    static List<InferInput> concat(List<InferenceJob> jobs) {
        requireNonNull(jobs, "jobs");
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("jobs: [] (expected: at least one job)");
        }
        List<InferInput> first = jobs.get(0).request().inputs();
        if (jobs.size() == 1) {
            return first;
        }
        List<InferInput> batched = new ArrayList<>(first.size());
        for (InferInput template : first) {
            List<TensorData> parts = new ArrayList<>(jobs.size());
            long rows = 0;
            for (InferenceJob job : jobs) {
                InferInput input = find(job.request().inputs(), template.name());
                if (input == null || !sameRowType(template, input)) {
                    throw new IllegalArgumentException("input " + template.name() + " " + template.datatype()
                            + Shapes.format(template.shape()) + " cannot be batched with "
                            + (input == null ? "a job that lacks it" : input.datatype() + Shapes.format(input.shape())));
                }
                if (input.shape()[0] != job.rows()) {
                    throw new IllegalArgumentException("input " + template.name() + Shapes.format(input.shape())
                            + " has " + input.shape()[0] + " rows (expected: the job's " + job.rows() + ")");
                }
                parts.add(input.data());
                rows += job.rows();
            }
            batched.add(new InferInput(template.name(), Shapes.withBatch(template.shape(), rows), template.datatype(),
                    template.parameters(), TensorConcat.concat(parts)));
        }
        return batched;
    }

    /**
     * Each job's rows of every output, in job order and the model's output order.
     *
     * @throws ModelExecutionException when an output has no batch dimension of the batch's rows, or
     *     its data does not match its shape
     */
    static List<List<InferOutput>> split(List<InferOutput> outputs, List<InferenceJob> jobs) {
        requireNonNull(outputs, "outputs");
        requireNonNull(jobs, "jobs");
        long totalRows = 0;
        for (InferenceJob job : jobs) {
            totalRows += job.rows();
        }
        for (InferOutput output : outputs) {
            long[] shape = output.shape();
            if (shape.length == 0 || shape[0] != totalRows) {
                throw new ModelExecutionException("model output " + output.name() + Shapes.format(shape)
                        + " has no batch dimension of " + totalRows + " rows, so it cannot be split per request",
                        null);
            }
            if (Shapes.elementCount(shape) != output.data().size()) {
                throw new ModelExecutionException("model output " + output.name() + Shapes.format(shape) + " holds "
                        + output.data().size() + " elements (expected: " + Shapes.elementCount(shape) + ")", null);
            }
        }
        if (jobs.size() == 1) {
            return List.of(outputs);
        }
        List<List<InferOutput>> perJob = new ArrayList<>(jobs.size());
        for (int j = 0; j < jobs.size(); j++) {
            perJob.add(new ArrayList<>(outputs.size()));
        }
        for (InferOutput output : outputs) {
            int rowElements = (int) (output.data().size() / totalRows);
            int offset = 0;
            for (int j = 0; j < jobs.size(); j++) {
                int rows = jobs.get(j).rows();
                TensorData slice = TensorConcat.slice(output.data(), offset, offset + rows * rowElements);
                perJob.get(j).add(new InferOutput(output.name(), Shapes.withBatch(output.shape(), rows),
                        output.datatype(), output.parameters(), slice));
                offset += rows * rowElements;
            }
        }
        return perJob;
    }

    private static boolean sameRowType(InferInput a, InferInput b) {
        long[] x = a.shape();
        long[] y = b.shape();
        return a.datatype() == b.datatype() && x.length > 0 && y.length > 0
                && Arrays.equals(x, 1, x.length, y, 1, y.length);
    }

    private static InferInput find(List<InferInput> inputs, String name) {
        for (InferInput input : inputs) {
            if (input.name().equals(name)) {
                return input;
            }
        }
        return null;
    }
}
