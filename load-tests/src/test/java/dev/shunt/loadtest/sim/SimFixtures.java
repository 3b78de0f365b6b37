package dev.shunt.loadtest.sim;

import dev.shunt.vocabulary.LatencyClass;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Plain objects for the simulator's tests. */
final class SimFixtures {

    private SimFixtures() {}

    static LatencyCurve flat(String kind, double p50Ms, double p99Ms) {
        return new LatencyCurve(kind, "m", List.of(new LatencyCurve.Point(1, p50Ms, p99Ms)), "test");
    }

    static Hardware hardware(LatencyCurve cpu, LatencyCurve gpu, int workers, int cpuMaxInFlight) {
        return new Hardware(cpu, gpu, workers, cpuMaxInFlight, 64, Duration.ofMillis(5), 512, 0.40, 2.50, 20, 0.01);
    }

    /** The shipped curves with the default backends. */
    static Hardware shipped() {
        return hardware(LatencyCurve.read(Path.of("curves", "cpu-convnet.csv"), "cpu-convnet.csv"),
                LatencyCurve.read(Path.of("curves", "gpu-convnet.csv"), "gpu-convnet.csv"), 8, 32);
    }

    /** Realtime requests of one row only, at {@code rate}, with a deadline nobody reaches. */
    static Workload singleRows(double rate, Duration duration) {
        Duration never = Duration.ofHours(1);
        return new Workload(rate, List.of(new ClassSpec(LatencyClass.REALTIME, 1, 1, 1, never),
                new ClassSpec(LatencyClass.STANDARD, 0, 1, 1, never), new ClassSpec(LatencyClass.BATCH, 0, 1, 1, never)),
                duration, Duration.ofSeconds(10), 1, 0, 0, 0);
    }

    /** The default mix: 70% realtime, 25% standard, 5% batch moving to 10%, a x1.5 burst. */
    static Workload mix(double rate, Duration duration) {
        return new Workload(rate, List.of(new ClassSpec(LatencyClass.REALTIME, 0.7, 1, 2, Duration.ofMillis(50)),
                new ClassSpec(LatencyClass.STANDARD, 0.25, 4, 16, Duration.ofMillis(500)),
                new ClassSpec(LatencyClass.BATCH, 0.05, 32, 128, Duration.ofSeconds(5))), duration, Duration.ofMillis(500),
                1.5, 0.5, 0.1, 0.10);
    }
}
