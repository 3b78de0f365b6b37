package dev.shunt.loadtest;

import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.SplittableRandom;

/** v2 request bodies of random FP32 data from a seed, built once before a run, never per request. */
public final class RequestBodies {

    private RequestBodies() {}

    /** One FP32 input {@code input} of {@code shape}, values in [-1, 1). */
    public static Buffer fp32(long seed, long... shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 64, count * 11 + 128));
        sb.append("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        sb.append("],\"data\":[");
        for (long i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5f", random.nextDouble() * 2 - 1));
        }
        return Buffer.buffer(sb.append("]}]}").toString());
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
