package dev.shunt.protocol;

/** IEEE 754 half precision (FP16) to and from {@code float}, rounding to nearest, ties to even. */
final class Half {

    private Half() {}

    /** The float a half's 16 bits hold; exact. */
    static float toFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0) {
            float v = mantissa * 0x1p-24f; // zero or subnormal
            return sign == 0 ? v : -v;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13)); // infinity or NaN
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** The half nearest to {@code value}; beyond 65504 (after rounding) it is infinity. */
    static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7f_ffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 31) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal
            }
            int full = mantissa | 0x80_0000;
            int shift = 14 - e;
            return (short) (sign | roundedShift(full, shift));
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // a carry into the exponent is right, up to infinity
        }
        return (short) (sign | half);
    }

    private static int roundedShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int middle = 1 << (shift - 1);
        if (rest > middle || (rest == middle && (kept & 1) != 0)) {
            kept++;
        }
        return kept;
    }
}
