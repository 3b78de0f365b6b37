package dev.shunt.gateway.config;

/** How a pool spreads requests over its backends. */
public enum BalancerKind {
    /** Power of two choices on in-flight requests, ties by recent latency (the default). */
    P2C,
    /** In turn. */
    ROUND_ROBIN,
    /** By each backend's weight (canaries). */
    WEIGHTED
}
