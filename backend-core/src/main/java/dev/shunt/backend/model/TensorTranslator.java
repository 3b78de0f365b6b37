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
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.ModelMetadata;
import dev.shunt.protocol.TensorData;
import dev.shunt.protocol.TensorMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns v2 tensors into DJL arrays and back. Inputs are passed in the model's input order; outputs
 * are named after the model's outputs by position. The batch is already formed by the scheduler, so
 * no batchifier is used.
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
            outputs.add(toOutput(expected.get(i), list.get(i)));
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
            case INT64 -> manager.create(((TensorData.Longs) data).values(), shape);
            case INT32, INT16, UINT16 -> manager.create(toInts(((TensorData.Longs) data).values()), shape);
            case INT8 -> manager.create(toBytes(((TensorData.Longs) data).values()), shape);
            case UINT8 -> manager.create(toBytes(((TensorData.Longs) data).values()), shape).toType(DataType.UINT8, false);
            case BOOL -> manager.create(((TensorData.Bools) data).values(), shape);
            default -> throw new IllegalArgumentException(
                    "inputs of datatype " + input.datatype() + " are not supported by the PyTorch engine here");
        };
    }

    private static InferOutput toOutput(TensorMetadata expected, NDArray array) {
        long[] shape = array.getShape().getShape();
        return switch (array.getDataType()) {
            case FLOAT32, FLOAT16 -> InferOutput.of(expected.name(), shape, expected.datatype() == Datatype.FP16
                    ? Datatype.FP16 : Datatype.FP32, new TensorData.Floats(array.toType(DataType.FLOAT32, false).toFloatArray()));
            case FLOAT64 -> InferOutput.of(expected.name(), shape, Datatype.FP64,
                    new TensorData.Doubles(array.toDoubleArray()));
            case INT64 -> InferOutput.of(expected.name(), shape, Datatype.INT64, new TensorData.Longs(array.toLongArray()));
            case INT32, INT8, UINT8, INT16 -> InferOutput.of(expected.name(), shape, expected.datatype(),
                    new TensorData.Longs(array.toType(DataType.INT64, false).toLongArray()));
            case BOOLEAN -> InferOutput.of(expected.name(), shape, Datatype.BOOL, new TensorData.Bools(toBools(array)));
            default -> throw new IllegalStateException("output " + expected.name() + " has unsupported type " + array.getDataType());
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

    private static boolean[] toBools(NDArray array) {
        boolean[] raw = array.toBooleanArray();
        return raw;
    }
}
