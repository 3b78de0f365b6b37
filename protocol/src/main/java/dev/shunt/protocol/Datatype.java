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
