package dev.shunt.gateway.metrics;

/** Every metric the gateway exports; names start with {@code shunt_}. */
public final class GatewayMetricNames {

    /** Requests answered, by {@code model}, {@code class}, {@code pool} and {@code outcome}. */
    public static final String REQUESTS = "shunt_requests";
    /** Time from request to answer, by {@code class} and {@code pool} (histogram). */
    public static final String REQUEST_DURATION = "shunt_request_duration_seconds";
    /** Time a backend took, by {@code pool} and {@code backend} (histogram). */
    public static final String UPSTREAM_DURATION = "shunt_upstream_duration_seconds";
    /** Routing decisions, by {@code route} and {@code reason}. */
    public static final String ROUTE_DECISIONS = "shunt_route_decisions";
    /** Requests in flight to a backend, by {@code pool} and {@code backend}. */
    public static final String BACKEND_INFLIGHT = "shunt_backend_inflight";
    /** 1 when a backend passes its health checks, by {@code pool} and {@code backend}. */
    public static final String BACKEND_UP = "shunt_backend_up";
    /** 1 for the state a backend's circuit breaker is in, by {@code pool}, {@code backend}, {@code state}. */
    public static final String BREAKER_STATE = "shunt_backend_circuit_state";
    /** Requests sent to another pool than the route's first, by {@code from} and {@code to}. */
    public static final String SPILLOVER = "shunt_spillover";
    /** Requests shed, by {@code class} and {@code reason}. */
    public static final String SHED = "shunt_shed";
    /** Retries on another backend, by {@code pool}. */
    public static final String RETRIES = "shunt_retries";
    /** Requests answered within their deadline, by {@code class}. */
    public static final String GOODPUT = "shunt_goodput";
    public static final String MIRROR_REQUESTS = "shunt_mirror_requests";
    public static final String SHADOW_SAMPLES = "shunt_shadow_samples";
    public static final String SHADOW_AGREEMENT = "shunt_shadow_agreement_ratio";
    public static final String SHADOW_P99_RATIO = "shunt_shadow_p99_ratio";
    public static final String SHADOW_ERROR_RATE = "shunt_shadow_error_ratio";
    public static final String SHADOW_READY = "shunt_shadow_ready";
    public static final String SHADOW_PRIMARY_ERROR_RATE = "shunt_shadow_primary_error_ratio";
    public static final String SHADOW_ABSOLUTE_ERROR = "shunt_shadow_absolute_error";
    public static final String SHADOW_LATENCY = "shunt_shadow_latency_seconds";
    public static final String CUTOVER_WEIGHT = "shunt_cutover_weight_percent";
    /** A pool's learned service time for a request of {@code rows} rows (1, 8, 32), without any wait. */
    public static final String POOL_SERVICE_ESTIMATE = "shunt_pool_service_estimate_seconds";
    /** A pool's learned wait inside its backends before compute starts. */
    public static final String POOL_QUEUE_ESTIMATE = "shunt_pool_queue_estimate_seconds";
    /** Backends a pool needs for its recent traffic at its target utilization (an autoscaler's input). */
    public static final String POOL_DESIRED_REPLICAS = "shunt_pool_desired_replicas";
    /** Backends kept busy by a pool's recent traffic (backend-seconds per second). */
    public static final String POOL_BUSY_BACKENDS = "shunt_pool_busy_backends";

    private GatewayMetricNames() {}
}
