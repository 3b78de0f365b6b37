package dev.shunt.gateway.metrics;

/** Every metric the gateway exports; names start with {@code shunt_}. */
public final class GatewayMetricNames {

    /** Requests answered, by {@code model}, {@code class}, {@code pool} and {@code outcome}. */
    public static final String REQUESTS = "shunt_requests";
    /**
     * Time from a request's arrival (its request line and headers read, before the body) to its answer
     * being written, by {@code model} (at most 64 names, then {@code other}), {@code class} and {@code pool} (histogram).
     */
    public static final String REQUEST_DURATION = "shunt_request_duration_seconds";
    /** Time a backend took, by {@code pool} and {@code backend} (histogram). */
    public static final String UPSTREAM_DURATION = "shunt_upstream_duration_seconds";
    /** Routing decisions, by {@code route} and {@code reason}. */
    public static final String ROUTE_DECISIONS = "shunt_route_decisions";
    /**
     * Requests in flight to a backend, by {@code pool} and {@code backend}: the gateway's view of its
     * upstreams, named apart from the model servers' own {@code shunt_backend_*}.
     */
    public static final String UPSTREAM_INFLIGHT = "shunt_upstream_inflight";
    /** 1 when a backend passes the gateway's health checks, by {@code pool} and {@code backend}. */
    public static final String UPSTREAM_UP = "shunt_upstream_up";
    /** 1 for the state a backend's circuit breaker is in, by {@code pool}, {@code backend}, {@code state}. */
    public static final String BREAKER_STATE = "shunt_upstream_circuit_state";
    /** Requests sent to another pool than the route's first, by {@code from} and {@code to}. */
    public static final String SPILLOVER = "shunt_spillover";
    /** Requests shed, by {@code class} and {@code reason}. */
    public static final String SHED = "shunt_shed";
    /** Retries on another backend, by {@code pool}. */
    public static final String RETRIES = "shunt_retries";
    /** Requests answered below 400 within their deadline (counted from arrival), by {@code class}. */
    public static final String GOODPUT = "shunt_goodput";
    /** Requests answered below 400 after their deadline (counted from arrival), by {@code class}. */
    public static final String LATE = "shunt_late";
    /** Mirrored copies, by {@code route} and {@code outcome} (sent, dropped, skipped_*, timeout, error). */
    public static final String MIRROR_REQUESTS = "shunt_mirror_requests";
    /** Comparisons in a route's shadow window, by {@code route}. */
    public static final String SHADOW_SAMPLES = "shunt_shadow_samples";
    /** Share of the window's comparisons that agree, net of the primary's own noise, by {@code route}. */
    public static final String SHADOW_AGREEMENT = "shunt_shadow_agreement_ratio";
    /** The shadow's p99 latency over the primary's in the window, by {@code route}. */
    public static final String SHADOW_P99_RATIO = "shunt_shadow_p99_ratio";
    /** Share of the window's mirrored copies the shadow failed or answered 5xx, by {@code route}. */
    public static final String SHADOW_ERROR_RATE = "shunt_shadow_error_ratio";
    /** 1 when the shadow meets the route's criteria for a cutover, by {@code route}. */
    public static final String SHADOW_READY = "shunt_shadow_ready";
    /** Share of the window's primaries that failed or answered 5xx, by {@code route}. */
    public static final String SHADOW_PRIMARY_ERROR_RATE = "shunt_shadow_primary_error_ratio";
    /** The largest absolute difference of each comparison's outputs, by {@code route} (histogram). */
    public static final String SHADOW_ABSOLUTE_ERROR = "shunt_shadow_absolute_error";
    /** Each mirrored request's latency on each side, by {@code route} and {@code side} (histogram). */
    public static final String SHADOW_LATENCY = "shunt_shadow_latency_seconds";
    /** Share of a route's traffic a cutover sends to its candidate, 0..1, by {@code route}. */
    public static final String CUTOVER_WEIGHT = "shunt_cutover_weight_ratio";
    /** A pool's learned service time for a request of {@code rows} rows (1, 8, 32), without any wait. */
    public static final String POOL_SERVICE_ESTIMATE = "shunt_pool_service_estimate_seconds";
    /** A pool's learned wait inside its backends before compute starts. */
    public static final String POOL_QUEUE_ESTIMATE = "shunt_pool_queue_estimate_seconds";
    /** Backends a pool needs for its recent traffic at its target utilization (an autoscaler's input). */
    public static final String POOL_DESIRED_REPLICAS = "shunt_pool_desired_replicas";
    /** Backends kept busy by a pool's recent traffic (backend-seconds per second). */
    public static final String POOL_BUSY_BACKENDS = "shunt_pool_busy_backends";
    /** What one backend of a pool costs per hour, as configured ({@code pools.<p>.costPerHour}). */
    public static final String POOL_COST_PER_HOUR = "shunt_pool_cost_per_hour";

    /** 1 on the replica that believes itself the leader, 0 on the others, by {@code replica}. */
    public static final String REPLICA_LEADER = "shunt_replica_leader";
    /** The version of the replicated state (cutovers) a gateway replica has applied. */
    public static final String REPLICA_STATE_VERSION = "shunt_replica_state_version";

    /**
     * Connections the listener closed because of a limit, by {@code reason} (header_timeout, body_timeout,
     * idle, limit, bad_chunk).
     */
    public static final String CONNECTIONS_CLOSED = "shunt_connections_closed";
    /** Client connections open on the listener now. */
    public static final String CONNECTIONS_OPEN = "shunt_connections_open";

    private static final java.util.Map<String, String> HELP = java.util.Map.ofEntries(
            java.util.Map.entry(REQUESTS, "Inference requests answered, by model, latency class, pool and outcome"),
            java.util.Map.entry(REQUEST_DURATION, "Time from a request's arrival (headers read, before its body) to its answer, by latency class and pool"),
            java.util.Map.entry(UPSTREAM_DURATION, "Time a backend took to answer the gateway, by pool and backend"),
            java.util.Map.entry(ROUTE_DECISIONS, "Routing decisions, by route and reason"),
            java.util.Map.entry(UPSTREAM_INFLIGHT, "Requests in flight from the gateway to a backend, by pool and backend"),
            java.util.Map.entry(UPSTREAM_UP, "1 when a backend passes the gateway's health checks, by pool and backend"),
            java.util.Map.entry(BREAKER_STATE, "1 for the state a backend's circuit breaker is in, by pool, backend and state"),
            java.util.Map.entry(SPILLOVER, "Requests sent to another pool than the policy's first choice, by from and to"),
            java.util.Map.entry(SHED, "Requests shed or refused under load, by latency class and reason"),
            java.util.Map.entry(RETRIES, "Retries on another backend, by pool"),
            java.util.Map.entry(GOODPUT, "Requests answered below 400 within their deadline, counted from their arrival, by latency class"),
            java.util.Map.entry(LATE, "Requests answered below 400 after their deadline, counted from their arrival, by latency class"),
            java.util.Map.entry(MIRROR_REQUESTS, "Mirrored copies, by route and outcome"),
            java.util.Map.entry(SHADOW_SAMPLES, "Comparisons in a route's shadow window"),
            java.util.Map.entry(SHADOW_AGREEMENT, "Share of the shadow window's comparisons that agree, net of the primary's own noise"),
            java.util.Map.entry(SHADOW_P99_RATIO, "The shadow's p99 latency over the primary's in the window"),
            java.util.Map.entry(SHADOW_ERROR_RATE, "Share of mirrored copies in the window the shadow failed or answered 5xx"),
            java.util.Map.entry(SHADOW_READY, "1 when the shadow meets the route's criteria for a cutover"),
            java.util.Map.entry(SHADOW_PRIMARY_ERROR_RATE, "Share of primaries in the window that failed or answered 5xx"),
            java.util.Map.entry(SHADOW_ABSOLUTE_ERROR, "Largest absolute difference of the outputs in each primary-shadow comparison"),
            java.util.Map.entry(SHADOW_LATENCY, "Latency of each mirrored request on the primary and on the shadow"),
            java.util.Map.entry(CUTOVER_WEIGHT, "Share of a route's traffic a cutover sends to its candidate, 0 to 1"),
            java.util.Map.entry(POOL_SERVICE_ESTIMATE, "A pool's learned service time for a request of that many rows, without waiting"),
            java.util.Map.entry(POOL_QUEUE_ESTIMATE, "A pool's learned wait inside its backends before compute starts"),
            java.util.Map.entry(POOL_DESIRED_REPLICAS, "Backends a pool needs for its recent traffic at its target utilization"),
            java.util.Map.entry(POOL_BUSY_BACKENDS, "Backends kept busy by a pool's recent traffic (backend-seconds per second)"),
            java.util.Map.entry(POOL_COST_PER_HOUR, "What one backend of a pool costs per hour, as configured"),
            java.util.Map.entry(REPLICA_LEADER, "1 on the gateway replica that acts as the leader, 0 on the others"),
            java.util.Map.entry(CONNECTIONS_CLOSED, "Client connections the listener closed because of a limit, by reason"),
            java.util.Map.entry(CONNECTIONS_OPEN, "Client connections open on the listener"),
            java.util.Map.entry(REPLICA_STATE_VERSION, "Version of the replicated cutover state this gateway replica has applied"));

    private GatewayMetricNames() {}

    /** The {@code # HELP} text of a metric. */
    public static String help(String name) {
        String text = HELP.get(name);
        if (text == null) {
            throw new IllegalArgumentException("metric " + name + " has no description");
        }
        return text;
    }
}
