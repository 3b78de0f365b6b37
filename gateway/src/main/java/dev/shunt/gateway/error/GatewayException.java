package dev.shunt.gateway.error;

/**
 * Root of the gateway's own failures; {@link GatewayErrors} maps each subtype to one status. Messages
 * are written for the client.
 */
public abstract sealed class GatewayException extends RuntimeException
        permits BadRequest, NoRoute, Overloaded, NoBackendAvailable, UpstreamTimeout, DeadlineExpired,
                UpstreamUnreachable {

    protected GatewayException(String message) {
        super(message, null, false, false);
    }
}
