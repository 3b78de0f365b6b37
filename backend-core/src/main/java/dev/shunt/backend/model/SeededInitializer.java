package dev.shunt.backend.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Fills parameters from a fixed seed, in the order DJL initializes them, so that every server
 * (and every JVM) builds bit-identical weights. Weights (rank >= 2) are uniform in
 * {@code ±sqrt(6 / fanIn)} (He-uniform, so activations keep their scale through the layers);
 * biases are uniform in {@code ±0.05}. A non-zero {@code perturbation} adds independent noise of
 * that relative size from a second seeded stream (the candidate variant).
 */
final class SeededInitializer implements Initializer {

    private static final float BIAS_RANGE = 0.05f;

    private final SplittableRandom weights;
    private final SplittableRandom noise;
    private final double perturbation;

    SeededInitializer(long seed, double perturbation) {
        if (perturbation < 0) {
            throw new IllegalArgumentException("perturbation: " + perturbation + " (expected: >= 0)");
        }
        this.weights = new SplittableRandom(seed);
        this.noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.perturbation = perturbation;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        int size = Math.toIntExact(shape.size());
        double range = shape.dimension() >= 2 ? Math.sqrt(6.0 / (shape.size() / shape.get(0))) : BIAS_RANGE;
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            double v = (weights.nextDouble() * 2 - 1) * range;
            if (perturbation > 0) {
                v += (noise.nextDouble() * 2 - 1) * range * perturbation;
            }
            values[i] = (float) v;
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
