package dev.shunt.loadtest.sim;

/** What a backend reports: answers (with what the gateway would learn from them) and requests dropped unanswered. */
interface Completions {

    /**
     * An answer.
     *
     * @param batchRows the rows of the forward pass that served it (its own rows on a CPU backend)
     * @param serviceNanos that pass's compute time
     * @param queueNanos its wait in the backend before the pass started
     */
    void answered(SimRequest request, long batchRows, long serviceNanos, long queueNanos);

    /** Its deadline passed while it waited in the backend's queue. */
    void expired(SimRequest request);

    /** A backend's in-flight count changed. */
    void changed();
}
