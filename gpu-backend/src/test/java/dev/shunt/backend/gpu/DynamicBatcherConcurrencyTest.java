package dev.shunt.backend.gpu;

import static dev.shunt.backend.gpu.TestJobs.NO_DEADLINE;
import static dev.shunt.backend.gpu.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.protocol.TensorData;
import dev.shunt.vocabulary.LatencyClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many submitters at once: every job is answered, with its own rows, and no row is lost or doubled. */
@Timeout(60)
class DynamicBatcherConcurrencyTest {

    private static final int SUBMITTERS = 4;
    private static final int JOBS_EACH = 250;

    @Test
    void everyJobOfManyConcurrentSubmittersGetsItsOwnRows() throws Exception {
        RowSumModel model = new RowSumModel();
        BatchingConfig config = new BatchingConfig(8, Duration.ofMillis(1), List.of(4), 2_000, Duration.ZERO);
        ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
        try (DynamicBatcher batcher = new DynamicBatcher(model, config, 2, Ticker.system(), BatchListener.noop())) {
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .contains("shunt-gpu-worker-1", "shunt-gpu-worker-2", "shunt-gpu-timer");
            List<Future<List<Check>>> submitted = new ArrayList<>();
            for (int s = 0; s < SUBMITTERS; s++) {
                int submitter = s;
                submitted.add(submitters.submit(() -> submitAll(batcher, submitter)));
            }
            int totalRows = 0;
            for (Future<List<Check>> checks : submitted) {
                for (Check check : checks.get(30, TimeUnit.SECONDS)) {
                    InferenceResult result = check.future().get(30, TimeUnit.SECONDS);
                    float[] sums = ((TensorData.Floats) result.outputs().get(0).data()).values();
                    assertThat(sums).hasSize(check.rows());
                    for (int r = 0; r < check.rows(); r++) {
                        assertThat(sums[r]).isEqualTo(check.first() + r + 0.5f);
                    }
                    assertThat(result.batchRows()).isBetween(check.rows(), 8);
                    totalRows += check.rows();
                }
            }
            assertThat(model.batchRows().stream().mapToInt(Integer::intValue).sum()).isEqualTo(totalRows);
            assertThat(model.batchRows()).allSatisfy(rows -> assertThat(rows).isBetween(1, 8));
            assertThat(batcher.queueDepth()).isZero();
        } finally {
            submitters.shutdownNow();
        }
    }

    private record Check(CompletableFuture<InferenceResult> future, int rows, float first) {}

    private static List<Check> submitAll(DynamicBatcher batcher, int submitter) {
        List<Check> checks = new ArrayList<>(JOBS_EACH);
        LatencyClass[] classes = LatencyClass.values();
        for (int i = 0; i < JOBS_EACH; i++) {
            int rows = 1 + (i + submitter) % 3;
            float first = submitter * 10_000 + i * 4;
            CompletableFuture<InferenceResult> future = batcher.submit(
                    job(rows, classes[i % classes.length], System.nanoTime(), NO_DEADLINE, first));
            checks.add(new Check(future, rows, first));
        }
        return checks;
    }
}
