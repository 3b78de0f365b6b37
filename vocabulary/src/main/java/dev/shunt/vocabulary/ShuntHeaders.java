package dev.shunt.vocabulary;

/** Every header name Shunt reads or writes, on the gateway and on the model servers. */
public final class ShuntHeaders {

    /** Request: {@code realtime|standard|batch}. */
    public static final String LATENCY_CLASS = "X-Latency-Class";
    /** Request: milliseconds the client will wait; past them the answer is a 504. */
    public static final String REQUEST_TIMEOUT_MS = "X-Request-Timeout-Ms";
    /** Request and response: an id joining the logs of every hop. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** Response (model server): milliseconds the request waited before compute. */
    public static final String QUEUE_MS = "X-Queue-Ms";
    /** Response (model server): milliseconds of compute of the batch it ran in. */
    public static final String COMPUTE_MS = "X-Compute-Ms";
    /** Response (model server): rows in the batch it ran in. */
    public static final String BATCH_SIZE = "X-Batch-Size";
    /** Response (model server): where the model ran, e.g. {@code cpu()}. */
    public static final String DEVICE = "X-Device";
    /** Response (gateway): the pool that served the request. */
    public static final String POOL = "X-Shunt-Pool";
    /**
     * Response (gateway): the backend that served the request, by an opaque id ({@code <pool>-<8 hex digits>}),
     * never its address unless the gateway's {@code debug.exposeBackendAddresses} says so.
     */
    public static final String BACKEND = "X-Shunt-Backend";
    /** Response (gateway): why that pool, a stable word. */
    public static final String REASON = "X-Shunt-Reason";
    /** Request (gateway to shadow): marks a mirrored copy. */
    public static final String SHADOW = "X-Shunt-Shadow";
    /** Request (client to gateway): mirror this request whatever the sampled share. */
    public static final String MIRROR = "X-Shunt-Mirror";

    private ShuntHeaders() {}
}
