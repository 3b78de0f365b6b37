package dev.shunt.loadtest.sim;

/** What became of a request. */
enum Outcome {
    /** Answered before its deadline. */
    MET,
    /** Answered after its deadline. */
    LATE,
    /** Its deadline passed while it waited in a backend's queue; dropped unanswered, as the servers do. */
    EXPIRED,
    /** The policy refused it (every pool it may use saturated, or shed). */
    REJECTED
}
