package dev.shunt.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the FP32 outputs of a v2 answer, JSON or with binary outputs after a JSON header, so that
 * a benchmark can check that two ways of asking got the same numbers.
 */
final class Fp32Outputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fp32Outputs() {}

    /**
     * Outputs by name. {@code jsonLength} is the answer's {@code Inference-Header-Content-Length}, or
     * -1 when it had none (JSON alone).
     */
    static Map<String, float[]> decode(byte[] body, int jsonLength) throws IOException {
        if (jsonLength > body.length) {
            throw new IOException("Inference-Header-Content-Length: " + jsonLength + " (expected: <= " + body.length + ")");
        }
        int headerEnd = jsonLength < 0 ? body.length : jsonLength;
        JsonNode outputs = JSON.readTree(body, 0, headerEnd).path("outputs");
        Map<String, float[]> result = new LinkedHashMap<>();
        int at = headerEnd;
        for (JsonNode output : outputs) {
            String name = output.path("name").asText();
            if (!"FP32".equals(output.path("datatype").asText())) {
                throw new IOException(name + ": datatype " + output.path("datatype") + " (expected: FP32)");
            }
            JsonNode size = output.path("parameters").path("binary_data_size");
            if (size.isMissingNode()) {
                JsonNode data = output.path("data");
                float[] values = new float[data.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.parseFloat(data.get(i).asText());
                }
                result.put(name, values);
                continue;
            }
            int bytes = size.asInt();
            if (jsonLength < 0 || bytes % 4 != 0 || bytes > body.length - at) {
                throw new IOException(name + ": binary_data_size " + bytes + " does not fit the " + (body.length - at)
                        + " bytes left");
            }
            float[] values = new float[bytes / 4];
            ByteBuffer.wrap(body, at, bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            result.put(name, values);
            at += bytes;
        }
        if (at != body.length && jsonLength >= 0) {
            throw new IOException((body.length - at) + " bytes after the last binary output");
        }
        return result;
    }

    /**
     * The largest difference between the same outputs of two answers, relative to max(1, |value|);
     * infinite when their names or sizes differ.
     */
    static double maxRelativeDifference(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (var entry : a.entrySet()) {
            float[] x = entry.getValue();
            float[] y = b.get(entry.getKey());
            if (x.length != y.length) {
                return Double.POSITIVE_INFINITY;
            }
            if (Arrays.equals(x, y)) {
                continue;
            }
            for (int i = 0; i < x.length; i++) {
                double d = Math.abs((double) x[i] - y[i]) / Math.max(1, Math.abs((double) x[i]));
                worst = Math.max(worst, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
            }
        }
        return worst;
    }
}
