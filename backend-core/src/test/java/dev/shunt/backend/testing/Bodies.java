package dev.shunt.backend.testing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/** Inference request bodies for tests and benchmarks, built from a seed. */
public final class Bodies {

    private Bodies() {}

    /** Random FP32 values in [-1, 1) from the seed. */
    public static float[] randomValues(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    /** A v2 request with one FP32 input {@code input} of shape {@code [rows, tail...]}. */
    public static byte[] fp32Request(String id, float[] values, long... shape) {
        StringBuilder sb = new StringBuilder(values.length * 12 + 128);
        sb.append('{');
        if (id != null) {
            sb.append("\"id\":\"").append(id).append("\",");
        }
        sb.append("\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        sb.append("],\"data\":[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", values[i]));
        }
        sb.append("]}]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An {@code mlp} request of {@code rows} random rows. */
    public static byte[] mlp(int rows, long seed) {
        return fp32Request(null, randomValues(rows * 512, seed), rows, 512);
    }
}
