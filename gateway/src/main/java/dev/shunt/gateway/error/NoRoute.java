package dev.shunt.gateway.error;

/** No route serves the model the request names (404). */
public final class NoRoute extends GatewayException {

    public NoRoute(String message) {
        super(message);
    }
}
