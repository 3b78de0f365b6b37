package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a decoded request fits a model: every model input present exactly once and no other,
 * datatypes equal, shapes fitting the model's (-1 matching any size), a batch dimension of at least
 * 1 that all batching inputs agree on, data sized to the shape and held as the datatype needs, and
 * requested outputs that exist. Messages name the field, e.g.
 * {@code inputs[0].shape: [1,511] does not fit [-1,512]}. Pure and thread-safe.
 */
public final class RequestValidator {

    /** Throws {@link InvalidRequestException} on the first way {@code request} does not fit {@code model}. */
    public void validate(InferenceRequest request, ModelMetadata model) {
        requireNonNull(request, "request");
        requireNonNull(model, "model");
        Map<String, TensorMetadata> expected = new HashMap<>();
        for (TensorMetadata t : model.inputs()) {
            expected.put(t.name(), t);
        }
        Set<String> seen = new HashSet<>();
        long batch = -1;
        int batchInput = -1;
        List<InferInput> inputs = request.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            InferInput in = inputs.get(i);
            String path = "inputs[" + i + ']';
            TensorMetadata meta = expected.get(in.name());
            if (meta == null) {
                throw JsonCursor.fail(path + ".name", JsonSupport.quote(in.name()) + " is not an input of model "
                        + model.name() + " (expected: " + names(model.inputs()) + ')');
            }
            if (!seen.add(in.name())) {
                throw JsonCursor.fail(path + ".name", "duplicate input " + JsonSupport.quote(in.name()));
            }
            if (in.datatype() != meta.datatype()) {
                throw JsonCursor.fail(path + ".datatype", in.datatype() + " (expected: " + meta.datatype()
                        + ", the datatype of input " + JsonSupport.quote(in.name()) + ')');
            }
            long[] shape = in.shape();
            long[] metaShape = meta.shape();
            if (!Shapes.matches(metaShape, shape)) {
                throw JsonCursor.fail(path + ".shape",
                        Shapes.format(shape) + " does not fit " + Shapes.format(metaShape));
            }
            if (metaShape.length > 0 && metaShape[0] == -1) {
                if (shape[0] < 1) {
                    throw JsonCursor.fail(path + ".shape",
                            "batch dimension " + shape[0] + " in " + Shapes.format(shape) + " (expected: >= 1)");
                }
                if (batchInput < 0) {
                    batch = shape[0];
                    batchInput = i;
                } else if (shape[0] != batch) {
                    throw JsonCursor.fail(path + ".shape", "batch dimension " + shape[0] + " in "
                            + Shapes.format(shape) + " differs from " + batch + " in inputs[" + batchInput + ']');
                }
            }
            checkData(in, path);
        }
        for (TensorMetadata t : model.inputs()) {
            if (!seen.contains(t.name())) {
                throw JsonCursor.fail("inputs", "missing " + JsonSupport.quote(t.name()) + " (model " + model.name()
                        + " expects " + t.name() + ' ' + t.datatype() + Shapes.format(t.shape()) + ')');
            }
        }
        List<RequestedOutput> outputs = request.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            String name = outputs.get(i).name();
            if (model.outputs().stream().noneMatch(o -> o.name().equals(name))) {
                throw JsonCursor.fail("outputs[" + i + "].name", JsonSupport.quote(name) + " is not an output of model "
                        + model.name() + " (expected: " + names(model.outputs()) + ')');
            }
        }
    }

    /**
     * The batch size: the first dimension of the first input, 1 when that input is a scalar, 0 when
     * there are no inputs.
     *
     * @throws InvalidRequestException when the dimension does not fit an {@code int}
     */
    public int batchSize(InferenceRequest request) {
        requireNonNull(request, "request");
        if (request.inputs().isEmpty()) {
            return 0;
        }
        long[] shape = request.inputs().get(0).shape();
        if (shape.length == 0) {
            return 1;
        }
        if (shape[0] > Integer.MAX_VALUE || shape[0] < 0) {
            throw JsonCursor.fail("inputs[0].shape", "batch dimension " + shape[0] + " is out of range");
        }
        return (int) shape[0];
    }

    /** Requests built in code skip the decoder's checks; hold them to the same ones. */
    private static void checkData(InferInput in, String path) {
        TensorData data = in.data();
        boolean kindFits = switch (in.datatype()) {
            case FP16, FP32 -> data instanceof TensorData.Floats;
            case FP64 -> data instanceof TensorData.Doubles;
            case BOOL -> data instanceof TensorData.Bools;
            case BYTES -> data instanceof TensorData.Bytes;
            default -> data instanceof TensorData.Longs;
        };
        if (!kindFits) {
            throw JsonCursor.fail(path + ".data", data.getClass().getSimpleName() + " cannot hold " + in.datatype());
        }
        long needed = Shapes.elementCount(in.shape());
        if (data.size() != needed) {
            throw JsonCursor.fail(path + ".data",
                    data.size() + " values, shape " + Shapes.format(in.shape()) + " needs " + needed);
        }
    }

    private static String names(List<TensorMetadata> tensors) {
        return tensors.stream().map(TensorMetadata::name).collect(Collectors.joining(", "));
    }
}
