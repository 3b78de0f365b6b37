package dev.shunt.gateway.error;

/** The request is malformed or does not fit the protocol (400). */
public final class BadRequest extends GatewayException {

    public BadRequest(String message) {
        super(message);
    }
}
