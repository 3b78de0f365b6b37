package dev.shunt.backend.schedule;

import java.util.List;

/**
 * What the {@link Housekeeper} found in one look, as {@link WorkLoop#sweep} reports it.
 *
 * @param expired jobs to fail as expired at {@code nowNanos}
 * @param nowNanos the ticker time of the look
 * @param abandoned jobs to fail as shut down (the grace ended)
 * @param exit whether every worker has exited, so the housekeeper should end
 */
record Sweep(List<InferenceJob> expired, long nowNanos, List<InferenceJob> abandoned, boolean exit) {}
