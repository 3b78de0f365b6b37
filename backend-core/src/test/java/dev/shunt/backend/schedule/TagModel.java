package dev.shunt.backend.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.InferenceRequest;
import dev.shunt.protocol.ModelMetadata;
import dev.shunt.protocol.TensorData;
import dev.shunt.protocol.TensorMetadata;
import dev.shunt.vocabulary.LatencyClass;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model without DJL: each job carries a tag (an input parameter) that predict records with the
 * instance and the thread that ran it. Predictions can be held inside the model until released
 * (bounded, so no test hangs), and one newInstance can be made to fail. Records which thread created
 * and closed each instance.
 */
final class TagModel implements ServedModel {

    static final List<InferOutput> OUTPUTS =
            List.of(InferOutput.of("output", new long[] {1, 1}, Datatype.FP32, new TensorData.Floats(new float[] {7f})));

    /** One prediction: the tag, the instance that ran it and its thread. */
    record Call(String tag, int instance, String thread) {}

    final Map<Integer, Thread> creators = new ConcurrentHashMap<>();
    final Map<Integer, String> closers = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final Semaphore entered = new Semaphore(0);
    private final CountDownLatch release = new CountDownLatch(1);
    private final int failingInstance;
    private volatile boolean holding;

    TagModel() {
        this(0);
    }

    /** A model whose {@code failingInstance}-th newInstance (1-based; 0 for none) throws. */
    TagModel(int failingInstance) {
        this.failingInstance = failingInstance;
    }

    /** A job for the tag, admitted at {@code enqueuedNanos}, with the deadline (or {@link TickerTimes#NEVER}). */
    static InferenceJob job(String tag, long enqueuedNanos, long deadlineNanos) {
        InferInput input = new InferInput("input", new long[] {1, 1}, Datatype.FP32, Map.of("tag", tag),
                new TensorData.Floats(new float[] {1f}));
        InferenceRequest request = new InferenceRequest(tag, Map.of(), List.of(input), List.of());
        return InferenceJob.of(request, 1, LatencyClass.STANDARD, enqueuedNanos, deadlineNanos);
    }

    static InferenceJob job(String tag) {
        return job(tag, 0, TickerTimes.NEVER);
    }

    static String tagOf(InferenceJob job) {
        return (String) job.request().inputs().get(0).parameters().get("tag");
    }

    /** Predictions from now on wait inside the model until {@link #release()}. */
    void hold() {
        holding = true;
    }

    void release() {
        release.countDown();
    }

    /** Waits until {@code predictions} more predictions are inside the model. */
    void awaitEntered(int predictions) throws InterruptedException {
        assertThat(entered.tryAcquire(predictions, 5, TimeUnit.SECONDS)).as("predictions inside the model").isTrue();
    }

    List<String> tags() {
        return calls.stream().map(Call::tag).toList();
    }

    @Override
    public ModelMetadata metadata() {
        return new ModelMetadata("tags", List.of("1"), "fake",
                List.of(new TensorMetadata("input", Datatype.FP32, new long[] {-1, 1})),
                List.of(new TensorMetadata("output", Datatype.FP32, new long[] {-1, 1})), Map.of());
    }

    @Override
    public String device() {
        return "cpu()";
    }

    @Override
    public ModelInstance newInstance() {
        int id = created.incrementAndGet();
        if (id == failingInstance) {
            throw new IllegalStateException("no memory for instance " + id);
        }
        creators.put(id, Thread.currentThread());
        return new ModelInstance() {
            @Override
            public List<InferOutput> predict(List<InferInput> inputs) {
                calls.add(new Call((String) inputs.get(0).parameters().get("tag"), id, Thread.currentThread().getName()));
                entered.release();
                if (holding) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return OUTPUTS;
            }

            @Override
            public void close() {
                closers.put(id, Thread.currentThread().getName());
            }
        };
    }

    @Override
    public void close() {}
}
