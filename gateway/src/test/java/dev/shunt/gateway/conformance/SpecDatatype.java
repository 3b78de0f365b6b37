package dev.shunt.gateway.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The Open Inference Protocol's table of tensor data types, with each one's size in bytes (BYTES:
 * variable, each element a 4-byte unsigned length then the bytes, in the binary extension), and a
 * valid tensor of each in JSON and in binary.
 */
enum SpecDatatype {
    BOOL(1), UINT8(1), UINT16(2), UINT32(4), UINT64(8), INT8(1), INT16(2), INT32(4), INT64(8),
    FP16(2), FP32(4), FP64(8), BYTES(-1);

    private final int size;

    SpecDatatype(int size) {
        this.size = size;
    }

    /** {@code count} elements as JSON values: booleans, integers, numbers or strings. */
    ArrayNode json(int count) {
        ArrayNode data = Wire.JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            switch (this) {
                case BOOL -> data.add(i % 2 == 0);
                case BYTES -> data.add("b" + (i % 10));
                case FP16, FP32, FP64 -> data.add(0.5);
                default -> data.add(i % 100);
            }
        }
        return data;
    }

    /** {@code count} elements laid out as the binary extension says: little-endian, native size, no padding. */
    byte[] binary(int count) {
        if (this == BYTES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                byte[] element = ("b" + (i % 10)).getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(element.length).array());
                out.writeBytes(element);
            }
            return out.toByteArray();
        }
        ByteBuffer bytes = ByteBuffer.allocate(count * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            switch (this) {
                case BOOL -> bytes.put((byte) (i % 2 == 0 ? 1 : 0));
                case FP16 -> bytes.putShort((short) 0x3800); // 0.5 in IEEE half precision
                case FP32 -> bytes.putFloat(0.5f);
                case FP64 -> bytes.putDouble(0.5);
                case UINT8, INT8 -> bytes.put((byte) (i % 100));
                case UINT16, INT16 -> bytes.putShort((short) (i % 100));
                case UINT32, INT32 -> bytes.putInt(i % 100);
                default -> bytes.putLong(i % 100);
            }
        }
        return bytes.array();
    }
}
