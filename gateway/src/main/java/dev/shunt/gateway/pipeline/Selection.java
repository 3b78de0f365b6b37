package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.ResilienceConfig;
import dev.shunt.gateway.error.GatewayError;
import dev.shunt.gateway.pool.Pool;
import java.util.Map;
import java.util.Optional;

/** What route selection hands on: a routed request, or a refusal the response writer answers. */
public sealed interface Selection {

    /**
     * The request goes to {@code pool}, decided on {@code pools} (the live pools as they were at the
     * decision, so the chosen one is always among them) under {@code resilience}.
     */
    record Routed(RoutedRequest request, Pool pool, Map<String, Pool> pools, ResilienceConfig resilience)
            implements Selection {
        public Routed {
            requireNonNull(request, "request");
            requireNonNull(pool, "pool");
            requireNonNull(pools, "pools");
            requireNonNull(resilience, "resilience");
        }
    }

    /**
     * The request is answered by the gateway itself.
     *
     * @param error status, message and outcome
     * @param reason the decision's reason word when a policy refused it
     * @param modelLabel the model as a metric label ({@code unknown} before it is known)
     * @param latencyClass the class as a metric label ({@code unknown} before it is known)
     */
    record Refused(GatewayError error, Optional<String> reason, String modelLabel, String latencyClass)
            implements Selection {
        public Refused {
            requireNonNull(error, "error");
            requireNonNull(reason, "reason");
            requireNonNull(modelLabel, "modelLabel");
            requireNonNull(latencyClass, "latencyClass");
        }
    }
}
