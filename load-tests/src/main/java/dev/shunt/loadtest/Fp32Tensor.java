package dev.shunt.loadtest;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An FP32 input of random values from a seed, written into a v2 request either as JSON numbers or
 * in Triton's binary tensor data extension. The values are decimals of five places, written as
 * such in JSON, so both forms carry the same floats.
 *
 * @param name the input's name
 * @param shape its shape
 * @param values row-major, as many as the shape holds
 */
public record Fp32Tensor(String name, long[] shape, float[] values) {

    /** A request body and the {@code Inference-Header-Content-Length} to send with it. */
    public record BinaryBody(Buffer body, int jsonLength) {

        public BinaryBody {
            requireNonNull(body, "body");
            if (jsonLength < 0 || jsonLength > body.length()) {
                throw new IllegalArgumentException("jsonLength: " + jsonLength + " (expected: 0.." + body.length() + ")");
            }
        }

        /** The headers to send it with. */
        public Map<String, String> headers() {
            return Map.of("Content-Type", "application/octet-stream", "Inference-Header-Content-Length",
                    Integer.toString(jsonLength));
        }
    }

    public Fp32Tensor {
        requireNonNull(name, "name");
        shape = shape.clone();
        values = values.clone();
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("values: " + values.length + " (expected: " + count + " for the shape)");
        }
    }

    /** Values in [-1, 1) from {@code seed}: the same draws, to five places, as earlier runs' JSON bodies. */
    public static Fp32Tensor random(String name, long seed, long... shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape holds " + count + " values (expected: < 2^31)");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.parseFloat(decimal(random.nextDouble() * 2 - 1));
        }
        return new Fp32Tensor(name, shape, values);
    }

    /** The body with the data as JSON numbers; the answer comes back as JSON. */
    public Buffer json() {
        StringBuilder sb = new StringBuilder(values.length * 9 + 128);
        inputHeader(sb).append("\"data\":[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(decimal(values[i]));
        }
        return Buffer.buffer(sb.append("]}]}").toString());
    }

    /**
     * The body with the data in binary (little-endian, row-major) after the JSON header; with
     * {@code binaryOutputs} the request asks for every output in binary too.
     */
    public BinaryBody binary(boolean binaryOutputs) {
        StringBuilder sb = inputHeader(new StringBuilder(160));
        sb.append("\"parameters\":{\"binary_data_size\":").append(values.length * 4L).append("}}]");
        if (binaryOutputs) {
            sb.append(",\"parameters\":{\"binary_data_output\":true}");
        }
        byte[] json = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return new BinaryBody(Buffer.buffer(json.length + data.capacity()).appendBytes(json).appendBytes(data.array()),
                json.length);
    }

    private StringBuilder inputHeader(StringBuilder sb) {
        sb.append("{\"inputs\":[{\"name\":\"").append(name).append("\",\"datatype\":\"FP32\",\"shape\":[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return sb.append("],");
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.5f", value);
    }
}
