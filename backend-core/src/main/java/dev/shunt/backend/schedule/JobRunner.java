package dev.shunt.backend.schedule;

import dev.shunt.backend.model.ModelInstance;
import java.util.List;

/**
 * Runs the jobs of one {@link Take.Run} on a worker's model instance: the CPU server each job alone,
 * the GPU server all of them as one batch. Called on the worker thread, without the core's lock.
 */
@FunctionalInterface
public interface JobRunner {

    /**
     * Runs the jobs and returns how to complete their futures. The core first stops counting the
     * jobs as running, then calls {@link Completion#complete()} on the same thread, so that a client
     * that has its answer never sees its job still running.
     *
     * @param instance the worker's own model instance
     * @param jobs at least one job, none cancelled and none past its deadline when the run began
     * @return completes every job's future, with its outputs or a
     *     {@link dev.shunt.backend.error.BackendException}; failures of the model are returned this
     *     way, not thrown
     */
    Completion run(ModelInstance instance, List<InferenceJob> jobs);

    /** Completes the futures of a run's jobs. */
    @FunctionalInterface
    interface Completion {

        /** Completes every future of the run. */
        void complete();
    }
}
