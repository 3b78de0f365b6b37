package dev.shunt.gateway.pool;

/** What the active health checks say of a backend; only {@link #HEALTHY} is admitted. */
public enum Health {
    /** No check has passed yet, and fewer than {@code fall} have failed: not admitted. */
    UNKNOWN,
    /** The first check passed, or {@code rise} in a row passed since it was unhealthy. */
    HEALTHY,
    /** {@code fall} checks in a row failed. */
    UNHEALTHY
}
