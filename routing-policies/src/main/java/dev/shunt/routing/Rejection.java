package dev.shunt.routing;

/** Why a request is not routed; the gateway maps each to a status. */
public enum Rejection {
    /** Capacity ran out or the request's class is shed (429/503 + Retry-After). */
    OVERLOADED,
    /** No healthy backend in the pools it may use (503 + Retry-After). */
    NO_BACKEND,
    /** Its deadline passed before it could be sent (504). */
    DEADLINE,
    /** No rule of the route matches it (404). */
    NO_ROUTE
}
