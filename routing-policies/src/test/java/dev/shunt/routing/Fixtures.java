package dev.shunt.routing;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Plain objects for policy tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private Fixtures() {}

    static RequestProfile request(long rows, LatencyClass c) {
        return new RequestProfile("mlp", rows * 2048, rows, rows * 512, c, NOW.plusSeconds(2), Map.of());
    }

    static BackendSnapshot backend(String id, int inFlight, int max) {
        return new BackendSnapshot(id, true, false, inFlight, max, Duration.ZERO, 1);
    }

    static BackendSnapshot down(String id) {
        return new BackendSnapshot(id, false, false, 0, 8, Duration.ZERO, 1);
    }

    static PoolSnapshot pool(String name, BackendSnapshot... backends) {
        return new PoolSnapshot(name, List.of(backends));
    }

    /** cpu and gpu with the given in-flight counts out of 10 each, both healthy. */
    static ClusterSnapshot cluster(int cpuInFlight, int gpuInFlight) {
        return new ClusterSnapshot(Map.of("cpu", pool("cpu", backend("c1", cpuInFlight, 10)),
                "gpu", pool("gpu", backend("g1", gpuInFlight, 10))));
    }

    static ClusterSnapshot cluster(PoolSnapshot... pools) {
        Map<String, PoolSnapshot> map = new java.util.HashMap<>();
        for (PoolSnapshot p : pools) {
            map.put(p.name(), p);
        }
        return new ClusterSnapshot(map);
    }
}
