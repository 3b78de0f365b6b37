package dev.shunt.backend.metrics;

/** Every metric a model server exports; names start with {@code shunt_backend_}. */
public final class BackendMetricNames {

    /** Requests answered, by {@code model} and {@code outcome} (ok, invalid, not_found, queue_full, ...). */
    public static final String REQUESTS = "shunt_backend_requests";
    /** Time from the end of the request body to the response, by {@code model}. */
    public static final String REQUEST_DURATION = "shunt_backend_request_duration_seconds";
    /** Time a job waited before compute started, by {@code model} and latency {@code class}. */
    public static final String QUEUE_WAIT = "shunt_backend_queue_wait_seconds";
    /** Compute time of the batch a job ran in, by {@code model}. */
    public static final String COMPUTE = "shunt_backend_compute_seconds";
    /** Jobs waiting to run. */
    public static final String QUEUE_DEPTH = "shunt_backend_queue_depth";
    /** The most jobs that may wait. */
    public static final String QUEUE_CAPACITY = "shunt_backend_queue_capacity";
    /** Jobs running now. */
    public static final String RUNNING = "shunt_backend_running";
    /** Rows per executed batch (GPU server). */
    public static final String BATCH_SIZE = "shunt_backend_batch_size";
    /** Jobs answered 504 because their deadline passed in the queue, by {@code class}. */
    public static final String EXPIRED = "shunt_backend_expired";
    /** 1, labelled with the {@code model}, its {@code device} and the server {@code kind} (an info metric). */
    public static final String MODEL_INFO = "shunt_backend_model_info";
    /** Worker threads, each with its own predictor (CPU server). */
    public static final String WORKERS = "shunt_backend_workers";
    /** Intra-op threads per worker (PyTorch {@code num_threads}). */
    public static final String INTRA_OP_THREADS = "shunt_backend_intra_op_threads";
    /** Physical cores the process may use (CPU quota, affinity, SMT siblings counted once). */
    public static final String USABLE_CORES = "shunt_backend_usable_physical_cores";
    /** 1 when workers x threads exceeds the usable physical cores (an override did it). */
    public static final String OVERSUBSCRIBED = "shunt_backend_oversubscribed";
    /** 1 when the model server is ready. */
    public static final String READY = "shunt_backend_ready";

    /**
     * Client connections the listener closed because of a limit, by {@code reason} (header_timeout,
     * body_timeout, idle, limit, bad_chunk).
     */
    public static final String CONNECTIONS_CLOSED = "shunt_backend_connections_closed";
    /** Client connections open on the listener now. */
    public static final String CONNECTIONS_OPEN = "shunt_backend_connections_open";

    private BackendMetricNames() {}
}
