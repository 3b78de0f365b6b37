package dev.shunt.backend.http;

/** Header names the model servers read and write (shared with the gateway by convention). */
public final class ShuntHeaders {

    /** Request: {@code realtime|standard|batch}. */
    public static final String LATENCY_CLASS = "X-Latency-Class";
    /** Request: milliseconds the client will wait; the job is dropped (504) once they pass. */
    public static final String REQUEST_TIMEOUT_MS = "X-Request-Timeout-Ms";
    /** Request and response: an id joining logs of both sides. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** Response: milliseconds the request waited before compute. */
    public static final String QUEUE_MS = "X-Queue-Ms";
    /** Response: milliseconds of compute of the batch it ran in. */
    public static final String COMPUTE_MS = "X-Compute-Ms";
    /** Response: rows in the batch it ran in. */
    public static final String BATCH_SIZE = "X-Batch-Size";
    /** Response: where the model ran, e.g. {@code cpu()}. */
    public static final String DEVICE = "X-Device";

    private ShuntHeaders() {}
}
