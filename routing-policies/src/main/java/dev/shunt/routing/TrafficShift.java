package dev.shunt.routing;

/**
 * A route's traffic shift in progress (a cutover step): a share of the route's requests goes to a
 * candidate pool instead of the policy's choice. The gateway's cutover implements it; tests use a
 * fixed split.
 */
public interface TrafficShift {

    /** The pool that takes the shifted share. */
    String candidatePool();

    /** Counts one request of the route; true when this one is shifted (exact counting, not a random draw). */
    boolean nextToCandidate();
}
