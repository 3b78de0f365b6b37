package dev.shunt.backend.schedule;

import java.util.List;

/**
 * What a worker of a {@link SchedulerCore} does next, as {@link WorkLoop#nextTurn} decides it.
 *
 * @param expired jobs to fail as expired at {@code nowNanos}
 * @param nowNanos the ticker time the turn was decided at
 * @param run jobs to run, or none
 * @param exit whether the worker should close its instance and end
 */
record Turn(List<InferenceJob> expired, long nowNanos, List<InferenceJob> run, boolean exit) {

    /** Close the instance and end. */
    static final Turn EXIT = new Turn(List.of(), 0, List.of(), true);
}
