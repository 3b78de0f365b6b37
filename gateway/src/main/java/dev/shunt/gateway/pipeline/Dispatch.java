package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.gateway.trace.RequestSpan;
import java.util.Map;

/**
 * The event "the request left for its first backend".
 *
 * @param request the routed request
 * @param pool the pool that serves it
 * @param backend the backend it went to
 * @param pools every live pool at that moment (a mirror picks its shadow from them)
 * @param trace the request's span (a mirrored copy's span links to it)
 */
public record Dispatch(RoutedRequest request, Pool pool, BackendState backend, Map<String, Pool> pools, RequestSpan trace) {

    public Dispatch {
        requireNonNull(request, "request");
        requireNonNull(pool, "pool");
        requireNonNull(backend, "backend");
        requireNonNull(pools, "pools");
        requireNonNull(trace, "trace");
    }
}
