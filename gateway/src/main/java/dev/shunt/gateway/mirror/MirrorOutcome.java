package dev.shunt.gateway.mirror;

/** The {@code outcome} label of {@code shunt_mirror_requests_total}: a small closed set. */
public enum MirrorOutcome {
    /** The copy was sent. */
    SENT,
    /** Not sent: {@code maxInFlight} mirrors were already out. */
    DROPPED,
    /** Not sent: the body is over the mirror's cap (the primary still got it). */
    SKIPPED_BODY,
    /** Not sent: the mirror pool has no backend that can take it now (down, or every one at its bulkhead). */
    NO_BACKEND,
    /**
     * Not sent: the primary itself went to the mirror pool (a cutover shifted it there); comparing
     * the pool with itself would say nothing.
     */
    SKIPPED_SAME_POOL,
    /** Sent, and the shadow failed: connection error or a 5xx. */
    ERROR,
    /** Sent, and the shadow did not answer within the mirror's timeout. */
    TIMEOUT;

    /** The label value. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
