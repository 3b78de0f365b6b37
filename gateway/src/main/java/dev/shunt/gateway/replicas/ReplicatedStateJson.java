package dev.shunt.gateway.replicas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The {@link ReplicatedState} as JSON, the same text in the peers' admin API and in a ConfigMap:
 * instants and durations as ISO-8601, unknown fields ignored (a newer replica may add some during a
 * rolling update), at most {@value #MAX_BYTES} bytes. Thread-safe.
 */
public final class ReplicatedStateJson {

    /** The largest document read or written. */
    public static final int MAX_BYTES = 1 << 20;

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The document as UTF-8 JSON. */
    public byte[] write(ReplicatedState state) {
        try {
            byte[] json = mapper.writeValueAsBytes(state);
            if (json.length > MAX_BYTES) {
                throw new IllegalArgumentException("replicated state: " + json.length + " bytes (expected: at most " + MAX_BYTES + ")");
            }
            return json;
        } catch (IOException e) {
            throw new IllegalStateException("replicated state cannot be written as JSON", e);
        }
    }

    /**
     * Reads a document.
     *
     * @throws IllegalArgumentException naming what is wrong, when it is not a valid document
     */
    public ReplicatedState read(byte[] json) {
        if (json.length > MAX_BYTES) {
            throw new IllegalArgumentException("replicated state: " + json.length + " bytes (expected: at most " + MAX_BYTES + ")");
        }
        try {
            ReplicatedState state = mapper.readValue(json, ReplicatedState.class);
            if (state == null) {
                throw new IllegalArgumentException("replicated state: null (expected: a JSON object)");
            }
            return state;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                    ? String.valueOf(cause.getMessage()) : e.getOriginalMessage();
            throw new IllegalArgumentException("replicated state: not a valid document: " + message, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("replicated state: unreadable: " + e.getMessage(), e);
        }
    }
}
