package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.forward.UpstreamResponse;
import dev.shunt.gateway.pool.BackendState;

/**
 * What the upstream call hands the response writer: the backend that answered last and its answer
 * (any status; a 5xx that could not be retried is passed on as it came).
 */
public record UpstreamAnswer(BackendState backend, UpstreamResponse response) {

    public UpstreamAnswer {
        requireNonNull(backend, "backend");
        requireNonNull(response, "response");
    }
}
