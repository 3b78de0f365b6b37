package dev.shunt.vocabulary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of flags, config files and load tools: a non-negative number with a unit
 * ({@code 250us}, {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h}) or ISO-8601
 * ({@code PT2S}). A bare number is refused: its unit would be a guess.
 */
public final class Durations {

    /** The accepted forms, as every error message shows them. */
    public static final String FORMS = "a number with a unit: 250us, 500ms, 2s, 1.5s, 5m, 1h, or ISO-8601 such as PT2S";

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)\\s*(us|µs|ms|s|m|h)");

    private Durations() {}

    /**
     * Parses {@code text}; {@code what} names the flag or config path in the message of the
     * {@link IllegalArgumentException} thrown for anything else.
     */
    public static Duration parse(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException(what + ": missing (expected: " + FORMS + ")");
        }
        String trimmed = text.trim();
        Matcher m = WITH_UNIT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (m.group(2)) {
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            });
            BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPerUnit).setScale(0, RoundingMode.DOWN);
            try {
                return Duration.ofNanos(nanos.longValueExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + ": \"" + text + "\" is too long (expected: at most 2562047h)");
            }
        }
        if (trimmed.regionMatches(true, 0, "PT", 0, 2) || trimmed.regionMatches(true, 0, "P", 0, 1)) {
            try {
                Duration d = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // the message below says what is accepted
            }
        }
        String hint = trimmed.matches("\\d+(\\.\\d+)?") ? " has no unit" : "";
        throw new IllegalArgumentException(what + ": \"" + text + "\"" + hint + " (expected: " + FORMS + ")");
    }

    /** Like {@link #parse} but also refuses zero. */
    public static Duration parsePositive(String what, String text) {
        Duration d = parse(what, text);
        if (d.isZero()) {
            throw new IllegalArgumentException(what + ": \"" + text + "\" (expected: more than zero)");
        }
        return d;
    }

    /** The shortest exact form of {@code d} in this grammar ({@code 250us}, {@code 2s}, {@code 1500ms}). */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 3_600_000_000_000L == 0 && nanos != 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0 && nanos != 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos / 1_000L + "us";
    }
}
