package dev.shunt.gateway.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Tensor values to and from JSON arrays and little-endian bytes. */
final class Tensors {

    static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private Tensors() {}

    static ArrayNode json(float[] values) {
        ArrayNode data = Wire.JSON.createArrayNode();
        for (float v : values) {
            data.add(v);
        }
        return data;
    }

    static ArrayNode json(BigInteger[] values) {
        ArrayNode data = Wire.JSON.createArrayNode();
        for (BigInteger v : values) {
            data.add(v);
        }
        return data;
    }

    static byte[] fp32(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return bytes.array();
    }

    static byte[] uint32(BigInteger[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (BigInteger v : values) {
            bytes.putInt(v.intValue());
        }
        return bytes.array();
    }

    static byte[] uint64(BigInteger[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (BigInteger v : values) {
            bytes.putLong(v.longValue());
        }
        return bytes.array();
    }

    static float[] floats(JsonNode data) {
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.get(i).asDouble();
        }
        return values;
    }

    static float[] floats(ByteBuffer bytes) {
        float[] values = new float[bytes.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes.getFloat(i * 4);
        }
        return values;
    }

    static BigInteger[] integers(JsonNode data) {
        BigInteger[] values = new BigInteger[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).bigIntegerValue();
        }
        return values;
    }

    static BigInteger[] uint32(ByteBuffer bytes) {
        BigInteger[] values = new BigInteger[bytes.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = BigInteger.valueOf(Integer.toUnsignedLong(bytes.getInt(i * 4)));
        }
        return values;
    }

    static BigInteger[] uint64(ByteBuffer bytes) {
        BigInteger[] values = new BigInteger[bytes.remaining() / 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = new BigInteger(Long.toUnsignedString(bytes.getLong(i * 8)));
        }
        return values;
    }

    /** The element-wise sum, as UINT64 holds it. */
    static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
        BigInteger[] sum = new BigInteger[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i].add(b[i]).mod(TWO_TO_64);
        }
        return sum;
    }
}
