package dev.shunt.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Test helpers: JSON written with single quotes for readability, and generated bodies. */
final class Json {

    private Json() {}

    /** {@code {'a':1}} as the UTF-8 bytes of {@code {"a":1}}. */
    static byte[] q(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static String str(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A request with one FP32 input of {@code rows x cols} seeded random values, as a typical client writes it. */
    static byte[] fp32Request(String name, int rows, int cols, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(rows * cols * 12 + 128);
        sb.append("{\"id\":\"req-").append(seed).append("\",\"inputs\":[{\"name\":\"").append(name)
                .append("\",\"shape\":[").append(rows).append(',').append(cols)
                .append("],\"datatype\":\"FP32\",\"data\":[");
        for (int i = 0; i < rows * cols; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(random.nextFloat() * 2 - 1);
        }
        return sb.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
