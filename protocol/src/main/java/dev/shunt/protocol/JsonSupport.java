package dev.shunt.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;

/** The Jackson set-up every reader and writer of this package shares, and message helpers. */
final class JsonSupport {

    /** Deepest JSON nesting accepted anywhere in a body. */
    static final int MAX_NESTING_DEPTH = 64;
    /** Longest client string echoed back in an error message. */
    private static final int MAX_ECHO = 40;

    private JsonSupport() {}

    /** A new factory: fast number parsing and writing, bounded nesting. Thread-safe once built. */
    static JsonFactory newFactory() {
        return JsonFactory.builder()
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
    }

    /** {@code "value"}, cut short when long, for error messages. */
    static String quote(String value) {
        if (value.length() <= MAX_ECHO) {
            return '"' + value + '"';
        }
        return '"' + value.substring(0, MAX_ECHO) + "...\"";
    }

    /** A token's text, cut short when long (numbers may be up to 1000 digits). */
    static String echo(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }

    /** {@code root: not valid JSON (reason, line L, column C)}. */
    static InvalidRequestException notJson(String root, IOException e) {
        StringBuilder sb = new StringBuilder(root).append(": not valid JSON (").append(reason(e));
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            JsonLocation loc = jpe.getLocation();
            sb.append(", line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
        }
        return new InvalidRequestException(sb.append(')').toString());
    }

    /** Jackson's message without its source excerpts: first line, no "[Source: ...]", bounded. */
    private static String reason(IOException e) {
        String msg = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (msg == null) {
            return e.getClass().getSimpleName();
        }
        int cut = msg.indexOf('\n');
        if (cut >= 0) {
            msg = msg.substring(0, cut);
        }
        cut = msg.indexOf("[Source");
        if (cut >= 0) {
            msg = msg.substring(0, cut);
            int paren = msg.lastIndexOf(" (");
            if (paren >= 0) {
                msg = msg.substring(0, paren);
            }
        }
        msg = msg.strip();
        return msg.length() <= 160 ? msg : msg.substring(0, 160) + "...";
    }
}
