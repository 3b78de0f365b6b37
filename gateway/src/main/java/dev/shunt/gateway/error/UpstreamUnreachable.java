package dev.shunt.gateway.error;

/** Every backend tried failed before answering (connection refused or reset) (502). */
public final class UpstreamUnreachable extends GatewayException {

    public UpstreamUnreachable(String message) {
        super(message);
    }
}
