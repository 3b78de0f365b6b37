package dev.shunt.backend.schedule;

import dev.shunt.backend.error.ModelExecutionException;
import dev.shunt.backend.model.ModelInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A runner for the core's tests: one predict per job, and a record of the tags of every run, so a
 * test sees what each take held. A job tagged {@code throw} makes the runner throw (a broken runner).
 */
final class TagRunner implements JobRunner {

    private final Ticker ticker;
    final List<List<String>> runs = new CopyOnWriteArrayList<>();

    TagRunner(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public Completion run(ModelInstance instance, List<InferenceJob> jobs) {
        List<String> tags = jobs.stream().map(TagModel::tagOf).toList();
        runs.add(tags);
        if (tags.contains("throw")) {
            throw new IllegalStateException("runner bug");
        }
        List<Runnable> completions = new ArrayList<>();
        for (InferenceJob job : jobs) {
            long start = ticker.nanoTime();
            try {
                var outputs = instance.predict(job.request().inputs());
                var result = new InferenceResult(outputs, start - job.enqueuedNanos(), ticker.nanoTime() - start, 1);
                completions.add(() -> job.result().complete(result));
            } catch (RuntimeException e) {
                completions.add(() -> job.result().completeExceptionally(new ModelExecutionException("model failed", e)));
            }
        }
        return () -> completions.forEach(Runnable::run);
    }
}
