package dev.shunt.backend.model;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.ModelMetadata;
import dev.shunt.protocol.TensorData;
import dev.shunt.protocol.TensorMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns v2 tensors into DJL arrays and back. Inputs are passed in the model's input order; outputs
 * are named after the model's outputs by position ({@link OutputTensors}). The batch is already
 * formed by the scheduler, so no batchifier is used.
 *
 * <p>DJL 0.35.1's PyTorch engine cannot create INT16, UINT16, UINT32 or UINT64 arrays (its native
 * library aborts the whole process when asked to), so those inputs reach the model widened, values
 * unchanged: INT16 and UINT16 as int32, UINT32 and UINT64 as int64 (UINT64 values above
 * {@link Long#MAX_VALUE} are refused when the request is decoded). BYTES inputs cannot be passed to
 * a PyTorch model at all; {@link TorchScriptModels} refuses metadata that declares one.
 */
final class TensorTranslator implements Translator<List<InferInput>, List<InferOutput>> {

    private final ModelMetadata metadata;

    TensorTranslator(ModelMetadata metadata) {
        this.metadata = requireNonNull(metadata, "metadata");
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<InferInput> inputs) {
        NDManager manager = ctx.getNDManager();
        NDList list = new NDList(metadata.inputs().size());
        for (TensorMetadata expected : metadata.inputs()) {
            InferInput input = inputs.stream()
                    .filter(i -> i.name().equals(expected.name()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("missing input " + expected.name()));
            list.add(toArray(manager, input));
        }
        return list;
    }

    @Override
    public List<InferOutput> processOutput(TranslatorContext ctx, NDList list) {
        List<TensorMetadata> expected = metadata.outputs();
        if (list.size() != expected.size()) {
            throw new IllegalStateException(
                    "model returned " + list.size() + " outputs, metadata declares " + expected.size());
        }
        List<InferOutput> outputs = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            outputs.add(OutputTensors.toOutput(expected.get(i), list.get(i)));
        }
        return outputs;
    }

    static NDArray toArray(NDManager manager, InferInput input) {
        Shape shape = new Shape(input.shape());
        TensorData data = input.data();
        return switch (input.datatype()) {
            case FP32 -> manager.create(((TensorData.Floats) data).values(), shape);
            case FP16 -> manager.create(((TensorData.Floats) data).values(), shape).toType(DataType.FLOAT16, false);
            case FP64 -> manager.create(((TensorData.Doubles) data).values(), shape);
            case INT64, UINT32, UINT64 -> manager.create(((TensorData.Longs) data).values(), shape);
            case INT32, INT16, UINT16 -> manager.create(toInts(((TensorData.Longs) data).values()), shape);
            case INT8 -> manager.create(toBytes(((TensorData.Longs) data).values()), shape);
            case UINT8 -> manager.create(toBytes(((TensorData.Longs) data).values()), shape).toType(DataType.UINT8, false);
            case BOOL -> manager.create(((TensorData.Bools) data).values(), shape);
            case BYTES -> throw new IllegalArgumentException(
                    "input " + input.name() + ": BYTES tensors cannot be passed to a PyTorch model");
        };
    }

    private static int[] toInts(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    private static byte[] toBytes(long[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
