package dev.shunt.backend.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.TensorData;
import dev.shunt.vocabulary.LatencyClass;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {

    private static InferenceJob job(int rows, InferInput... inputs) {
        return InferenceJob.of(TestJobs.request(inputs), rows, LatencyClass.STANDARD, 0, Long.MAX_VALUE);
    }

    private static InferInput floats(String name, long rows, float... values) {
        return InferInput.of(name, new long[] {rows, values.length / rows}, Datatype.FP32, new TensorData.Floats(values));
    }

    private static InferInput longs(String name, long rows, long... values) {
        return InferInput.of(name, new long[] {rows, values.length / rows}, Datatype.INT64, new TensorData.Longs(values));
    }

    @Test
    void oneJobsInputsPassUnchanged() {
        InferenceJob job = job(2, floats("input", 2, 1, 2, 3, 4));

        assertThat(BatchAssembler.concat(List.of(job))).isSameAs(job.request().inputs());
    }

    @Test
    void concatenatesOneRowFp32JobsAlongTheFirstDimension() {
        List<InferInput> batch = BatchAssembler.concat(List.of(
                job(1, floats("input", 1, 1, 2)), job(1, floats("input", 1, 3, 4)), job(1, floats("input", 1, 5, 6))));

        assertThat(batch).containsExactly(floats("input", 3, 1, 2, 3, 4, 5, 6));
    }

    @Test
    void concatenatesManyRowInt64JobsKeepingTheFirstJobsInputOrder() {
        InferenceJob a = job(2, longs("ids", 2, 1, 2, 3, 4), floats("mask", 2, 0.1f, 0.2f));
        InferenceJob b = job(1, floats("mask", 1, 0.3f), longs("ids", 1, 5, 6));
        InferenceJob c = job(3, longs("ids", 3, 7, 8, 9, 10, 11, 12), floats("mask", 3, 0.4f, 0.5f, 0.6f));

        List<InferInput> batch = BatchAssembler.concat(List.of(a, b, c));

        assertThat(batch).containsExactly(
                longs("ids", 6, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                floats("mask", 6, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f));
    }

    @Test
    void concatenatesDoublesBoolsAndStrings() {
        InferenceJob a = job(1,
                InferInput.of("d", new long[] {1, 2}, Datatype.FP64, new TensorData.Doubles(new double[] {1, 2})),
                InferInput.of("b", new long[] {1}, Datatype.BOOL, new TensorData.Bools(new boolean[] {true})),
                InferInput.of("s", new long[] {1}, Datatype.BYTES, TensorData.Bytes.ofStrings(List.of("x"))));
        InferenceJob b = job(2,
                InferInput.of("d", new long[] {2, 2}, Datatype.FP64, new TensorData.Doubles(new double[] {3, 4, 5, 6})),
                InferInput.of("b", new long[] {2}, Datatype.BOOL, new TensorData.Bools(new boolean[] {false, true})),
                InferInput.of("s", new long[] {2}, Datatype.BYTES, TensorData.Bytes.ofStrings(List.of("y", "z"))));

        List<InferInput> batch = BatchAssembler.concat(List.of(a, b));

        assertThat(batch).containsExactly(
                InferInput.of("d", new long[] {3, 2}, Datatype.FP64, new TensorData.Doubles(new double[] {1, 2, 3, 4, 5, 6})),
                InferInput.of("b", new long[] {3}, Datatype.BOOL, new TensorData.Bools(new boolean[] {true, false, true})),
                InferInput.of("s", new long[] {3}, Datatype.BYTES, TensorData.Bytes.ofStrings(List.of("x", "y", "z"))));
    }

    @Test
    void refusesToConcatenateInputsOfAnotherShapeOrType() {
        InferenceJob narrow = job(1, floats("input", 1, 1, 2));
        InferenceJob wide = job(1, floats("input", 1, 1, 2, 3));
        InferenceJob ints = job(1, longs("input", 1, 1, 2));
        InferenceJob other = job(1, floats("other", 1, 1, 2));

        assertThat(BatchAssembler.canBatch(narrow, job(3, floats("input", 3, 1, 2, 3, 4, 5, 6)))).isTrue();
        assertThat(BatchAssembler.canBatch(narrow, wide)).isFalse();
        assertThat(BatchAssembler.canBatch(narrow, ints)).isFalse();
        assertThat(BatchAssembler.canBatch(narrow, other)).isFalse();
        assertThat(BatchAssembler.canBatch(narrow, job(1, floats("input", 1, 1, 2), floats("more", 1, 1)))).isFalse();
        assertThatThrownBy(() -> BatchAssembler.concat(List.of(narrow, wide)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input input FP32[1,2] cannot be batched with FP32[1,3]");
        assertThatThrownBy(() -> BatchAssembler.concat(List.of(narrow, other)))
                .hasMessage("input input FP32[1,2] cannot be batched with a job that lacks it");
    }

    @Test
    void refusesAnInputWhoseRowsDisagreeWithTheJob() {
        InferenceJob liar = job(2, floats("input", 1, 1, 2));

        assertThatThrownBy(() -> BatchAssembler.concat(List.of(job(1, floats("input", 1, 1, 2)), liar)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input input[1,2] has 1 rows (expected: the job's 2)");
    }

    @Test
    void splitsFp32OutputsByEachJobsRows() {
        InferenceJob a = job(1, floats("input", 1, 0));
        InferenceJob b = job(3, floats("input", 3, 0, 0, 0));
        InferenceJob c = job(2, floats("input", 2, 0, 0));
        InferOutput scores = InferOutput.of("scores", new long[] {6, 2}, Datatype.FP32,
                new TensorData.Floats(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        InferOutput ids = InferOutput.of("ids", new long[] {6}, Datatype.INT64,
                new TensorData.Longs(new long[] {10, 20, 30, 40, 50, 60}));

        List<List<InferOutput>> perJob = BatchAssembler.split(List.of(scores, ids), List.of(a, b, c));

        assertThat(perJob).containsExactly(
                List.of(InferOutput.of("scores", new long[] {1, 2}, Datatype.FP32, new TensorData.Floats(new float[] {1, 2})),
                        InferOutput.of("ids", new long[] {1}, Datatype.INT64, new TensorData.Longs(new long[] {10}))),
                List.of(InferOutput.of("scores", new long[] {3, 2}, Datatype.FP32,
                                new TensorData.Floats(new float[] {3, 4, 5, 6, 7, 8})),
                        InferOutput.of("ids", new long[] {3}, Datatype.INT64, new TensorData.Longs(new long[] {20, 30, 40}))),
                List.of(InferOutput.of("scores", new long[] {2, 2}, Datatype.FP32,
                                new TensorData.Floats(new float[] {9, 10, 11, 12})),
                        InferOutput.of("ids", new long[] {2}, Datatype.INT64, new TensorData.Longs(new long[] {50, 60}))));
    }

    @Test
    void splitsOneJobWithoutCopying() {
        List<InferOutput> outputs = List.of(InferOutput.of("sum", new long[] {2, 1}, Datatype.FP32,
                new TensorData.Floats(new float[] {1, 2})));

        assertThat(BatchAssembler.split(outputs, List.of(job(2, floats("input", 2, 0, 0)))).get(0)).isSameAs(outputs);
    }

    @Test
    void refusesOutputsWithoutTheBatchDimension() {
        List<InferenceJob> jobs = List.of(job(1, floats("input", 1, 0)), job(1, floats("input", 1, 0)));
        InferOutput pooled = InferOutput.of("pooled", new long[] {4}, Datatype.FP32, new TensorData.Floats(new float[4]));
        InferOutput scalar = InferOutput.of("scalar", new long[] {}, Datatype.FP32, new TensorData.Floats(new float[1]));

        assertThatThrownBy(() -> BatchAssembler.split(List.of(pooled), jobs))
                .isInstanceOf(ModelExecutionException.class)
                .hasMessage("model output pooled[4] has no batch dimension of 2 rows, so it cannot be split per request");
        assertThatThrownBy(() -> BatchAssembler.split(List.of(scalar), jobs.subList(0, 1)))
                .isInstanceOf(ModelExecutionException.class)
                .hasMessageContaining("scalar[]");
    }

    @Test
    void refusesOutputsWhoseDataDoesNotMatchTheirShape() {
        InferOutput torn = InferOutput.of("torn", new long[] {2, 2}, Datatype.FP32, new TensorData.Floats(new float[3]));

        assertThatThrownBy(() -> BatchAssembler.split(List.of(torn),
                List.of(job(1, floats("input", 1, 0)), job(1, floats("input", 1, 0)))))
                .isInstanceOf(ModelExecutionException.class)
                .hasMessage("model output torn[2,2] holds 3 elements (expected: 4)");
    }
}
