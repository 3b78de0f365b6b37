package dev.shunt.backend.cpu;

import dev.shunt.backend.model.ModelInstance;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceJob;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model without DJL: each request carries a tag (an input parameter), and {@link Behavior} decides
 * what predict does with it. Records which thread created, used and closed each instance.
 */
final class FakeModel implements ServedModel {

    /** What predict does for a tag: return outputs, throw, or wait on a {@link Gate}. */
    @FunctionalInterface
    interface Behavior {
        void run(String tag);
    }

    /** One prediction: the tag, the instance that ran it and its thread. */
    record Call(String tag, int instance, String thread) {}

    static final List<InferOutput> OUTPUTS =
            List.of(InferOutput.of("output", new long[] {1, 1}, Datatype.FP32, new TensorData.Floats(new float[] {7f})));

    /** Instance id to the thread that created it. */
    final Map<Integer, Thread> creators = new ConcurrentHashMap<>();
    /** Instance id to the name of the thread that closed it. */
    final Map<Integer, String> closers = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final Behavior behavior;
    private final int failingInstance;

    FakeModel(Behavior behavior) {
        this(behavior, 0);
    }

    /** A model whose {@code failingInstance}-th newInstance (1-based; 0 for none) throws. */
    FakeModel(Behavior behavior, int failingInstance) {
        this.behavior = behavior;
        this.failingInstance = failingInstance;
    }

    /** A job for the tag, admitted at {@code enqueuedNanos}, with the deadline (or Long.MAX_VALUE). */
    static InferenceJob job(String tag, long enqueuedNanos, long deadlineNanos) {
        InferInput input = new InferInput("input", new long[] {1, 1}, Datatype.FP32, Map.of("tag", tag),
                new TensorData.Floats(new float[] {1f}));
        InferenceRequest request = new InferenceRequest(tag, Map.of(), List.of(input), List.of());
        return InferenceJob.of(request, 1, LatencyClass.STANDARD, enqueuedNanos, deadlineNanos);
    }

    static InferenceJob job(String tag) {
        return job(tag, 0, Long.MAX_VALUE);
    }

    List<String> tags() {
        return calls.stream().map(Call::tag).toList();
    }

    @Override
    public ModelMetadata metadata() {
        return new ModelMetadata("fake", List.of("1"), "fake",
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
                String tag = (String) inputs.get(0).parameters().get("tag");
                calls.add(new Call(tag, id, Thread.currentThread().getName()));
                behavior.run(tag);
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
