package dev.shunt.gateway.error;

/** The request's deadline passed before it could be sent (504); it was not sent. */
public final class DeadlineExpired extends GatewayException {

    public DeadlineExpired(String message) {
        super(message);
    }
}
