package dev.shunt.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One tensor's elements in the binary tensor data extension's layout, read and written:
 * little-endian, row-major; BOOL one byte; FP16 as IEEE half; BYTES as 4-byte lengths each followed by
 * the element's bytes. Reads hold values to the same ranges as JSON (a UINT64 above
 * {@link Long#MAX_VALUE} is refused).
 */
final class BinaryData {

    private BinaryData() {}

    /**
     * Reads {@code body[offset, offset + length)} as the elements of a tensor of {@code type} and
     * {@code shape}; {@code path} names the tensor, e.g. {@code inputs[1]}.
     */
    static TensorData read(Datatype type, long[] shape, byte[] body, int offset, int length, String path) {
        long count = Shapes.elementCount(shape);
        if (type == Datatype.BYTES) {
            return readBytes(count, body, offset, length, path);
        }
        // count * byteSize may overflow a long (a shape of 2^60 rows): compare without multiplying first
        if (count != length / type.byteSize() || length % type.byteSize() != 0) {
            String needed = count <= Long.MAX_VALUE / type.byteSize() ? Long.toString(count * type.byteSize())
                    : count + " x " + type.byteSize();
            throw JsonCursor.fail(path + ".parameters." + BinaryTensors.SIZE_PARAMETER, length + " bytes, but "
                    + type + " shape " + Shapes.format(shape) + " needs " + needed);
        }
        int n = (int) count;
        ByteBuffer in = ByteBuffer.wrap(body, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        return switch (type) {
            case FP32 -> {
                float[] out = new float[n];
                in.asFloatBuffer().get(out);
                yield new TensorData.Floats(out);
            }
            case FP16 -> {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Half.toFloat(in.getShort(2 * i));
                }
                yield new TensorData.Floats(out);
            }
            case FP64 -> {
                double[] out = new double[n];
                in.asDoubleBuffer().get(out);
                yield new TensorData.Doubles(out);
            }
            case BOOL -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = body[offset + i] != 0;
                }
                yield new TensorData.Bools(out);
            }
            default -> new TensorData.Longs(readIntegers(type, n, in, path));
        };
    }

    private static long[] readIntegers(Datatype type, int n, ByteBuffer in, String path) {
        long[] out = new long[n];
        switch (type) {
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.get(i);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.get(i) & 0xffL;
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.getShort(2 * i);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.getShort(2 * i) & 0xffffL;
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.getInt(4 * i);
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = in.getInt(4 * i) & 0xffff_ffffL;
                }
            }
            case INT64 -> in.asLongBuffer().get(out);
            case UINT64 -> {
                in.asLongBuffer().get(out);
                for (int i = 0; i < n; i++) {
                    if (out[i] < 0) {
                        throw JsonCursor.fail(path + "[" + i + "]", Long.toUnsignedString(out[i])
                                + " is out of range for UINT64 here (at most " + Long.MAX_VALUE + ")");
                    }
                }
            }
            default -> throw new IllegalArgumentException("not an integer type: " + type);
        }
        return out;
    }

    private static TensorData readBytes(long count, byte[] body, int offset, int length, String path) {
        List<byte[]> out = new ArrayList<>((int) Math.min(count, Math.max(1, length / 4)));
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (end - at < 4) {
                throw JsonCursor.fail(path, "BYTES element " + out.size() + ": " + (end - at)
                        + " bytes left for its 4-byte length");
            }
            long size = ByteBuffer.wrap(body, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffff_ffffL;
            at += 4;
            if (size > end - at) {
                throw JsonCursor.fail(path, "BYTES element " + out.size() + " of " + size + " bytes runs past its "
                        + BinaryTensors.SIZE_PARAMETER + " (" + (end - at) + " bytes left)");
            }
            out.add(java.util.Arrays.copyOfRange(body, at, at + (int) size));
            at += (int) size;
            if (out.size() > count) {
                break;
            }
        }
        if (out.size() != count) {
            throw JsonCursor.fail(path, (out.size() > count ? "more than " + count : Integer.toString(out.size()))
                    + " BYTES elements in its " + length + " bytes, shape needs " + count);
        }
        return new TensorData.Bytes(out);
    }

    /** The bytes {@code data} takes in binary. */
    static long size(Datatype type, TensorData data) {
        if (data instanceof TensorData.Bytes b) {
            long total = 0;
            for (byte[] v : b.values()) {
                total += 4L + v.length;
            }
            return total;
        }
        return (long) data.size() * type.byteSize();
    }

    /** Writes {@code data} as {@code type} at the buffer's position, which it advances. */
    static void write(Datatype type, TensorData data, ByteBuffer out) {
        switch (type) {
            case FP32 -> {
                float[] v = ((TensorData.Floats) data).values();
                out.asFloatBuffer().put(v);
                out.position(out.position() + 4 * v.length);
            }
            case FP16 -> {
                for (float v : ((TensorData.Floats) data).values()) {
                    out.putShort(Half.fromFloat(v));
                }
            }
            case FP64 -> {
                double[] v = ((TensorData.Doubles) data).values();
                out.asDoubleBuffer().put(v);
                out.position(out.position() + 8 * v.length);
            }
            case BOOL -> {
                for (boolean v : ((TensorData.Bools) data).values()) {
                    out.put((byte) (v ? 1 : 0));
                }
            }
            case BYTES -> {
                for (byte[] v : ((TensorData.Bytes) data).values()) {
                    out.putInt(v.length);
                    out.put(v);
                }
            }
            case INT64, UINT64 -> {
                long[] v = ((TensorData.Longs) data).values();
                out.asLongBuffer().put(v);
                out.position(out.position() + 8 * v.length);
            }
            case INT32, UINT32 -> {
                for (long v : ((TensorData.Longs) data).values()) {
                    out.putInt((int) v);
                }
            }
            case INT16, UINT16 -> {
                for (long v : ((TensorData.Longs) data).values()) {
                    out.putShort((short) v);
                }
            }
            default -> {
                for (long v : ((TensorData.Longs) data).values()) {
                    out.put((byte) v);
                }
            }
        }
    }
}
