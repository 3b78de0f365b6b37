package dev.shunt.protocol;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * A request or response body as it goes on the wire: JSON alone, or, with the binary tensor data
 * extension, a JSON header followed by raw tensor bytes.
 *
 * @param bytes the whole body
 * @param jsonLength the JSON header's length in bytes, the value of
 *     {@value BinaryTensors#HEADER_LENGTH}; -1 when the body is JSON alone (no header is sent)
 */
public record EncodedMessage(byte[] bytes, int jsonLength) {

    public EncodedMessage {
        requireNonNull(bytes, "bytes");
        if (jsonLength < -1 || jsonLength > bytes.length) {
            throw new IllegalArgumentException("jsonLength: " + jsonLength + " (expected: -1..." + bytes.length + ")");
        }
    }

    /** A body of JSON alone. */
    public static EncodedMessage json(byte[] bytes) {
        return new EncodedMessage(bytes, -1);
    }

    /** Whether tensors follow the JSON (and {@value BinaryTensors#HEADER_LENGTH} must be sent). */
    public boolean binary() {
        return jsonLength >= 0;
    }

    /** The value to send as {@value BinaryTensors#HEADER_LENGTH}, when the body has binary tensors. */
    public OptionalInt headerLength() {
        return binary() ? OptionalInt.of(jsonLength) : OptionalInt.empty();
    }
}
