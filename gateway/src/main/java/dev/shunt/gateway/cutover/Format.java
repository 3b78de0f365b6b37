package dev.shunt.gateway.cutover;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** The few number formats of cutover texts, in one place. */
final class Format {

    private Format() {
    }

    /** {@code 25.0} reads {@code 25}, {@code 0.5} reads {@code 0.5}. */
    static String percent(double percent) {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString();
    }

    /** {@code "0.040 > 0.010"}, with more decimals only where three would print both sides alike. */
    static String rateExceeds(double rate, double max) {
        String a = "";
        String b = "";
        for (int decimals = 3; decimals <= 6; decimals++) {
            a = String.format(Locale.ROOT, "%." + decimals + "f", rate);
            b = String.format(Locale.ROOT, "%." + decimals + "f", max);
            if (!a.equals(b)) {
                break;
            }
        }
        return a + " > " + b;
    }

    /** {@code "812 ms > 500 ms"} to three significant digits, more only where both sides would read alike. */
    static String millisExceeds(double millis, double maxMillis) {
        String a = "";
        String b = "";
        for (int digits = 3; digits <= 7; digits++) {
            a = millis(millis, digits);
            b = millis(maxMillis, digits);
            if (!a.equals(b)) {
                break;
            }
        }
        return a + " ms > " + b + " ms";
    }

    private static String millis(double millis, int digits) {
        return new BigDecimal(millis).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
