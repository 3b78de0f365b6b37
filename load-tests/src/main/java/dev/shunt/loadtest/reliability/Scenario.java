package dev.shunt.loadtest.reliability;

/**
 * One fault scenario: starts what it needs through the {@link Lab}, applies a bounded load, injects
 * its fault and computes its verdict. Adding one to the suite is a class like this and a line in
 * {@link Scenarios#all()}.
 */
interface Scenario {

    /** A short name, the report's first column, e.g. {@code backend-hangs}. */
    String name();

    /** What PASS means, one sentence for the report. */
    String passMeans();

    /** Runs it; everything it started through the lab is stopped afterwards by the suite. */
    ScenarioResult run(Lab lab) throws Exception;
}
