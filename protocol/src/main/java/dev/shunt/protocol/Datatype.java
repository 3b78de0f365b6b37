package dev.shunt.protocol;

import java.util.Optional;

/** The tensor element types of the Open Inference Protocol, by their wire names. */
public enum Datatype {
    BOOL(1),
    UINT8(1),
    UINT16(2),
    UINT32(4),
    UINT64(8),
    INT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    FP16(2),
    FP32(4),
    FP64(8),
    BYTES(-1);

    private final int byteSize;

    Datatype(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element, or -1 for {@link #BYTES} (variable). */
    public int byteSize() {
        return byteSize;
    }

    /** Whether elements are integers (signed or unsigned). */
    public boolean isInteger() {
        return switch (this) {
            case UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
    }

    /**
     * The smallest value of an integer type, as held here (a {@code long}); 0 for unsigned types.
     *
     * @throws IllegalStateException for a type that is not an integer type
     */
    public long minValue() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, UINT16, UINT32, UINT64 -> 0;
            default -> throw new IllegalStateException(this + " is not an integer type");
        };
    }

    /**
     * The largest value of an integer type, as held here (a {@code long}): UINT64 values above
     * {@link Long#MAX_VALUE} are not held, so that is UINT64's largest.
     *
     * @throws IllegalStateException for a type that is not an integer type
     */
    public long maxValue() {
        return switch (this) {
            case UINT8 -> 0xFFL;
            case UINT16 -> 0xFFFFL;
            case UINT32 -> 0xFFFF_FFFFL;
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT64, UINT64 -> Long.MAX_VALUE;
            default -> throw new IllegalStateException(this + " is not an integer type");
        };
    }

    /** The wire name, e.g. {@code "FP32"}, exact case; empty when unknown. */
    public static Optional<Datatype> parse(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        for (Datatype d : values()) {
            if (d.name().equals(wireName)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
