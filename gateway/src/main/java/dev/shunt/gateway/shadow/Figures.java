package dev.shunt.gateway.shadow;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How numbers read in reasons: errors to three significant digits, ratios to fixed decimals. */
final class Figures {

    private static final MathContext THREE_DIGITS = new MathContext(3);

    private Figures() {}

    /** {@code 0.31}, {@code 1.5E-7}, {@code Infinity}. */
    static String error(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(THREE_DIGITS).stripTrailingZeros().toString();
    }

    /** {@code value} with {@code decimals} digits after the point, e.g. {@code fixed(0.95, 3) = "0.950"}. */
    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
