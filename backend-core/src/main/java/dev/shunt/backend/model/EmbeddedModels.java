package dev.shunt.backend.model;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import dev.shunt.backend.error.ModelNotFoundException;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.ModelMetadata;
import dev.shunt.protocol.TensorMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The models built in code from a fixed seed, so the demo and the tests download nothing and every
 * server gives the same answers for the same input:
 * <ul>
 *   <li>{@code mlp}: {@code input} FP32 [-1,512] -> 512-256-10 perceptron -> {@code output} FP32 [-1,10];
 *   <li>{@code convnet}: {@code input} FP32 [-1,3,64,64] -> a small ResNet (3 residual stages of
 *       16/32/64 channels, about 68 M multiply-adds per image) -> {@code output} FP32 [-1,10]:
 *       heavy enough that batching matters.
 * </ul>
 */
public final class EmbeddedModels {

    /** The seed every embedded model is built from. */
    public static final long SEED = 20261122L;
    /** Relative size of the candidate variant's weight noise. */
    static final double CANDIDATE_PERTURBATION = 0.08;

    /** Names of the embedded models. */
    public static final Set<String> NAMES = Set.of("mlp", "convnet");

    private EmbeddedModels() {}

    /** Builds the named model on the device; throws {@link ModelNotFoundException} for other names. */
    public static ServedModel load(String name, ModelVariant variant, Device device) {
        requireNonNull(name, "name");
        requireNonNull(variant, "variant");
        requireNonNull(device, "device");
        Block block;
        Shape sample;
        long[] inputShape;
        switch (name) {
            case "mlp" -> {
                block = mlp();
                sample = new Shape(1, 512);
                inputShape = new long[] {-1, 512};
            }
            case "convnet" -> {
                block = convnet();
                sample = new Shape(1, 3, 64, 64);
                inputShape = new long[] {-1, 3, 64, 64};
            }
            default -> throw new ModelNotFoundException(
                    "model \"" + name + "\" is not an embedded model (expected one of: convnet, mlp)");
        }
        double perturbation = variant == ModelVariant.CANDIDATE ? CANDIDATE_PERTURBATION : 0;
        block.setInitializer(new SeededInitializer(SEED, perturbation), parameter -> true);
        Model model = Model.newInstance(name, device, "PyTorch");
        block.initialize(model.getNDManager(), DataType.FLOAT32, sample);
        model.setBlock(block);
        ModelMetadata metadata = new ModelMetadata(
                name,
                List.of("1"),
                "pytorch_djl",
                List.of(new TensorMetadata("input", Datatype.FP32, inputShape)),
                List.of(new TensorMetadata("output", Datatype.FP32, new long[] {-1, 10})),
                Map.of("device", device.toString(), "variant", variant.flagValue(), "seed", SEED));
        return new DjlServedModel(model, metadata, device);
    }

    private static Block mlp() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static Block convnet() {
        return new SequentialBlock()
                .add(conv(16, 1))
                .add(Activation.reluBlock())
                .add(residual(16))
                .add(conv(32, 2))
                .add(Activation.reluBlock())
                .add(residual(32))
                .add(conv(64, 2))
                .add(Activation.reluBlock())
                .add(residual(64))
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static Block conv(int filters, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .build();
    }

    /** {@code relu(x + conv(relu(conv(x))))}, the basic block of a ResNet without normalization. */
    private static Block residual(int channels) {
        Block branch = new SequentialBlock()
                .add(conv(channels, 1))
                .add(Activation.reluBlock())
                .add(conv(channels, 1));
        return new SequentialBlock()
                .add(new ParallelBlock(
                        outputs -> {
                            NDArray sum = outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow());
                            return new NDList(sum);
                        },
                        List.of(branch, Blocks.identityBlock())))
                .add(Activation.reluBlock());
    }
}
