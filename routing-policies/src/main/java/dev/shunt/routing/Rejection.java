package dev.shunt.routing;

/** Why a request is not routed; the gateway maps each to a status. */
public enum Rejection {
    /** Every pool that could serve it is saturated (503 + Retry-After). */
    OVERLOADED,
    /** Its latency class is shed first under load (429 + Retry-After). */
    SHED,
    /** No healthy backend in the pools it may use (503 + Retry-After). */
    NO_BACKEND,
    /** Its deadline passed before it could be sent (504). */
    DEADLINE,
    /** No rule of the route matches it (404). */
    NO_ROUTE,
    /** No pool is expected to answer it before its deadline, and the route says to refuse it early (503 + Retry-After). */
    UNMEETABLE
}
