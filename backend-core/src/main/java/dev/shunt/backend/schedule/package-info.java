/**
 * The contract between the HTTP front and the schedulers that run inference on worker threads, and
 * the scheduler core both model servers run it with ({@link dev.shunt.backend.schedule.SchedulerCore}
 * with a pluggable {@link dev.shunt.backend.schedule.JobTaker}).
 */
package dev.shunt.backend.schedule;
