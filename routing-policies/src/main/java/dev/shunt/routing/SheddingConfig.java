package dev.shunt.routing;

import dev.shunt.vocabulary.LatencyClass;
import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;

/**
 * Priority-aware shedding: a request is shed when the load of the pool chosen for it (in flight over
 * capacity, 0..1) is at or above its class's threshold. Thresholds must not decrease from batch to
 * standard to realtime, so batch is shed first and realtime last; 1.0 means "only when full".
 */
public record SheddingConfig(Map<LatencyClass, Double> thresholds) {

    public SheddingConfig {
        requireNonNull(thresholds, "thresholds");
        EnumMap<LatencyClass, Double> copy = new EnumMap<>(LatencyClass.class);
        for (LatencyClass c : LatencyClass.values()) {
            Double t = thresholds.get(c);
            if (t == null || !(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("shedding." + c.wireName() + ": " + t + " (expected: 0 < x <= 1)");
            }
            copy.put(c, t);
        }
        if (copy.get(LatencyClass.BATCH) > copy.get(LatencyClass.STANDARD)
                || copy.get(LatencyClass.STANDARD) > copy.get(LatencyClass.REALTIME)) {
            throw new IllegalArgumentException("shedding: " + copy
                    + " (expected: batch <= standard <= realtime, so batch is shed first)");
        }
        thresholds = Map.copyOf(copy);
    }

    /** Batch at 70% load, standard at 85%, realtime only when full. */
    public static SheddingConfig ofDefaults() {
        return new SheddingConfig(Map.of(LatencyClass.BATCH, 0.7, LatencyClass.STANDARD, 0.85, LatencyClass.REALTIME, 1.0));
    }
}
