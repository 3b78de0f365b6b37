package dev.shunt.gateway.error;

/** The backend did not answer within the request's remaining deadline (504); it may have run the request, so it is not retried. */
public final class UpstreamTimeout extends GatewayException {

    public UpstreamTimeout(String message) {
        super(message);
    }
}
