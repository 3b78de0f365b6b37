package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.error.GatewayError;
import java.util.Optional;

/** What route selection hands on: a routed request, or a refusal the response writer answers. */
public sealed interface Selection {

    /** The request goes to {@link RoutedRequest#pool()}. */
    record Routed(RoutedRequest request) implements Selection {
        public Routed {
            requireNonNull(request, "request");
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
