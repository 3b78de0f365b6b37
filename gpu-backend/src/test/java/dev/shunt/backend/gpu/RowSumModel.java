package dev.shunt.backend.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.ModelMetadata;
import dev.shunt.protocol.TensorData;
import dev.shunt.protocol.TensorMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake model: output {@code sum} FP32 {@code [rows, 1]} holds each input row's sum, so a test can
 * check which rows went to which job. It records every batch, can hold batches until released (with
 * a timeout, so nothing hangs), fail a batch, and move a fake ticker as if computing took time.
 */
final class RowSumModel implements ServedModel {

    private static final ModelMetadata METADATA = new ModelMetadata("rowsum", List.of("1"), "fake",
            List.of(new TensorMetadata("input", Datatype.FP32, new long[] {-1, -1})),
            List.of(new TensorMetadata("sum", Datatype.FP32, new long[] {-1, 1})), Map.of());

    private final List<Integer> batchRows = new CopyOnWriteArrayList<>();
    private final List<Float> firstValues = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final Semaphore entered = new Semaphore(0);
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failNext = new AtomicReference<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final FakeTicker ticker;
    private final Duration computeTime;

    RowSumModel() {
        this(null, Duration.ZERO);
    }

    /** A model that advances {@code ticker} by {@code computeTime} in every batch. */
    RowSumModel(FakeTicker ticker, Duration computeTime) {
        this.ticker = ticker;
        this.computeTime = computeTime;
    }

    /** Batches that start from now on wait until {@link #release()}. */
    void hold() {
        gate.set(new CountDownLatch(1));
    }

    void release() {
        CountDownLatch latch = gate.getAndSet(null);
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Waits until {@code batches} more batches have entered the model. */
    void awaitEntered(int batches) throws InterruptedException {
        assertThat(entered.tryAcquire(batches, 5, TimeUnit.SECONDS)).as("batches entered the model").isTrue();
    }

    /** The next batch that starts throws this. */
    void failNext(RuntimeException failure) {
        failNext.set(failure);
    }

    List<Integer> batchRows() {
        return List.copyOf(batchRows);
    }

    /** The first input value of every batch, in the order batches ran. */
    List<Float> firstValues() {
        return List.copyOf(firstValues);
    }

    List<String> threads() {
        return List.copyOf(threads);
    }

    int createdInstances() {
        return created.get();
    }

    int closedInstances() {
        return closed.get();
    }

    @Override
    public ModelMetadata metadata() {
        return METADATA;
    }

    @Override
    public String device() {
        return "cpu()";
    }

    @Override
    public ModelInstance newInstance() {
        created.incrementAndGet();
        return new ModelInstance() {
            @Override
            public List<InferOutput> predict(List<InferInput> inputs) {
                return run(inputs);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    private List<InferOutput> run(List<InferInput> inputs) {
        InferInput input = inputs.get(0);
        int rows = (int) input.shape()[0];
        int width = (int) input.shape()[1];
        float[] values = ((TensorData.Floats) input.data()).values();
        batchRows.add(rows);
        firstValues.add(values[0]);
        threads.add(Thread.currentThread().getName());
        RuntimeException failure = failNext.getAndSet(null);
        entered.release();
        CountDownLatch latch = gate.get();
        if (latch != null) {
            try {
                if (!latch.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released the model");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (ticker != null) {
            ticker.advance(computeTime);
        }
        if (failure != null) {
            throw failure;
        }
        float[] sums = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                sums[r] += values[r * width + c];
            }
        }
        return List.of(InferOutput.of("sum", new long[] {rows, 1}, Datatype.FP32, new TensorData.Floats(sums)));
    }

    @Override
    public void close() {}
}
