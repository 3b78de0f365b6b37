package dev.shunt.loadtest;

import io.vertx.core.buffer.Buffer;

/** v2 request bodies of random FP32 data from a seed, built once before a run, never per request. */
public final class RequestBodies {

    private RequestBodies() {}

    /** One FP32 input {@code input} of {@code shape}, values in [-1, 1), as JSON. */
    public static Buffer fp32(long seed, long... shape) {
        return Fp32Tensor.random("input", seed, shape).json();
    }

    /** {@code rows} rows for {@code mlp} ([rows,512]) or {@code convnet} ([rows,3,64,64]). */
    public static Buffer forModel(String model, int rows, long seed) {
        return switch (model) {
            case "mlp" -> fp32(seed, rows, 512);
            case "convnet" -> fp32(seed, rows, 3, 64, 64);
            default -> throw new IllegalArgumentException("model: " + model + " (expected: mlp or convnet)");
        };
    }
}
