package dev.shunt.loadtest.reliability;

import java.time.Duration;
import java.util.List;

/**
 * What a soak saw.
 *
 * @param duration how long the load ran
 * @param rate arrivals per second
 * @param samples every 10 s
 * @param events the cutovers, the rollback and the restart, with their time
 * @param requests sent
 * @param failures neither 2xx nor shed, or no answer
 * @param shed 429, or 503 with {@code Retry-After}
 * @param p99Ms of every answer
 * @param summary answers by status and reason
 */
public record SoakResult(Duration duration, int rate, List<SoakSample> samples, List<String> events, long requests,
        long failures, long shed, double p99Ms, String summary) {

    /** The flatness verdict of each series. */
    List<Flatness> flatness() {
        double meanHeap = samples.stream().mapToDouble(s -> s.resources().heapMiB()).average().orElse(0);
        return List.of(
                Flatness.of("heap after GC", "MiB", samples, s -> s.resources().heapMiB(), Math.max(16, meanHeap * 0.1)),
                Flatness.of("open fds", "fds", samples, s -> s.resources().fds(), 20),
                Flatness.of("threads", "threads", samples, s -> s.resources().threads(), 4),
                Flatness.of("ESTABLISHED connections", "connections", samples, s -> s.resources().connections(), 20));
    }

    /** Every series flat. */
    public boolean flat() {
        return samples.size() >= 4 && flatness().stream().allMatch(Flatness::flat);
    }
}
