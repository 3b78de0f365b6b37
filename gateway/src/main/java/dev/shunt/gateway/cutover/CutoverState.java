package dev.shunt.gateway.cutover;

/** Where a {@link Cutover} stands. */
public enum CutoverState {
    /** Created, not started: no traffic goes to the candidate. */
    IDLE,
    /** Sending the current step's share to the candidate and advancing when the step has baked. */
    RUNNING,
    /** Holding the current step's share; does not advance, still rolls back when criteria fail. */
    PAUSED,
    /** All traffic of the route goes to the candidate. */
    COMPLETED,
    /** The candidate failed the criteria; no traffic goes to it. */
    ROLLED_BACK,
    /** An operator (or a config reload) stopped it; no traffic goes to the candidate. */
    ABORTED;

    /** True while a cutover holds its route: {@link #RUNNING} or {@link #PAUSED}. */
    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }

    /** True once nothing can change any more. */
    public boolean finished() {
        return this == COMPLETED || this == ROLLED_BACK || this == ABORTED;
    }
}
