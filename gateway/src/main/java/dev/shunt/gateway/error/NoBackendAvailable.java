package dev.shunt.gateway.error;

/** No healthy backend with a closed circuit could take the request, in its pool or its spill pool (503 + Retry-After). */
public final class NoBackendAvailable extends GatewayException {

    public NoBackendAvailable(String message) {
        super(message);
    }
}
