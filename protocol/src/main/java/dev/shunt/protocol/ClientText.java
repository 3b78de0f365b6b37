package dev.shunt.protocol;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes an error message fit for a client: one line, bounded, with no stack trace, no exception class
 * name and none of a library's internals (Jackson's settings such as {@code FAIL_ON_...} or
 * {@code ALLOW_COMMENTS}, its {@code `StreamReadConstraints...`} origins, its "through reference chain").
 * What the message says of the client's input (path, value, line and column) stays. Each error-mapping
 * place (the gateway's and the model servers') passes every message through it.
 */
public final class ClientText {

    /** What a client is told when nothing of the message is fit to show. */
    public static final String FALLBACK = "invalid request";

    private static final int MAX_LENGTH = 300;

    /** Jackson's "(64, from `StreamReadConstraints.getMaxNestingDepth()`)": the origin goes, the figure stays. */
    private static final Pattern CONSTRAINT_ORIGIN = Pattern.compile(",\\s*from\\s+`[^`]*`");
    /** Jackson's "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow". */
    private static final Pattern ENABLE_FEATURE = Pattern.compile("[:;,]?\\s*enable\\s+`[^`]*`\\s*to\\s+allow");
    /** Jackson's "(not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)". */
    private static final Pattern FEATURE_NOTE = Pattern.compile("\\s*\\([^()]*\\bFeature\\b[^()]*\\)");
    private static final Pattern CODE = Pattern.compile("`[^`]*`");
    /** A qualified class name, {@code com.fasterxml.jackson.core.JsonParseException}, with a colon after it. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b(?:[a-z_$][a-z0-9_$]*\\.){2,}[A-Z][A-Za-z0-9_$]*(?:\\.[A-Za-z0-9_$]+)*:?");
    /** A simple exception or error name as {@code Throwable.toString()} starts: {@code IOException:}. */
    private static final Pattern THROWABLE_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception\\b:?|Error:)");
    private static final List<String> CUT_AT = List.of("through reference chain", "FAIL_ON_", "ALLOW_", "(set ",
            "[Source:", "\tat ", " at [Source");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private ClientText() {}

    /** The message as a client may see it; {@link #FALLBACK} when nothing of it is left. */
    public static String of(String message) {
        if (message == null || message.isBlank()) {
            return FALLBACK;
        }
        String s = message.strip();
        int line = indexOfLineBreak(s);
        if (line >= 0) {
            s = s.substring(0, line);
        }
        s = CONSTRAINT_ORIGIN.matcher(s).replaceAll("");
        s = ENABLE_FEATURE.matcher(s).replaceAll("");
        s = FEATURE_NOTE.matcher(s).replaceAll("");
        for (String marker : CUT_AT) {
            int at = s.indexOf(marker);
            if (at >= 0) {
                s = s.substring(0, at);
            }
        }
        s = CODE.matcher(s).replaceAll("");
        s = QUALIFIED.matcher(s).replaceAll("");
        s = THROWABLE_NAME.matcher(s).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        s = trimDangling(s);
        if (s.isEmpty()) {
            return FALLBACK;
        }
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH) + "...";
    }

    private static int indexOfLineBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Drops what a cut leaves hanging at the end: an open parenthesis, a colon, a comma. */
    private static String trimDangling(String s) {
        String out = s;
        while (!out.isEmpty()) {
            char last = out.charAt(out.length() - 1);
            if (last == '(' || last == ':' || last == ',' || last == ';' || Character.isWhitespace(last)) {
                out = out.substring(0, out.length() - 1);
            } else {
                break;
            }
        }
        return out;
    }
}
