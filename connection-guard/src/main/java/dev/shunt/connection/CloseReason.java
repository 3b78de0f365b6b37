package dev.shunt.connection;

/** Why the guard closed a connection; {@link #label()} is the metric's {@code reason} tag. */
public enum CloseReason {
    /** The request's headers did not arrive within the header timeout. */
    HEADER_TIMEOUT("header_timeout"),
    /** The request's body did not arrive within the body timeout. */
    BODY_TIMEOUT("body_timeout"),
    /** No request came within the idle timeout. */
    IDLE("idle"),
    /** The connection was one more than the listener may have open. */
    LIMIT("limit"),
    /** A chunked body had a chunk size that is not a hexadecimal number (answered 400). */
    BAD_CHUNK("bad_chunk");

    private final String label;

    CloseReason(String label) {
        this.label = label;
    }

    /** The stable word used as a metric tag. */
    public String label() {
        return label;
    }
}
