package dev.shunt.gateway.shadow;

/** Whether a shadow candidate meets its {@link ShadowCriteria}. */
public enum Verdict {
    /** Every criterion holds. */
    READY,
    /** Some criterion fails; the snapshot's reasons say which. */
    NOT_READY
}
