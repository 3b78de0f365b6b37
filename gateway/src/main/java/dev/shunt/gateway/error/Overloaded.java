package dev.shunt.gateway.error;

/**
 * The gateway shed the request: its pools are saturated, or its class is shed first under load
 * (429 for a shed class, 503 when nothing could take it; both with Retry-After).
 */
public final class Overloaded extends GatewayException {

    private final boolean shedByPriority;

    public Overloaded(String message, boolean shedByPriority) {
        super(message);
        this.shedByPriority = shedByPriority;
    }

    /** True when the request was shed for its latency class (429), false when capacity ran out (503). */
    public boolean shedByPriority() {
        return shedByPriority;
    }
}
