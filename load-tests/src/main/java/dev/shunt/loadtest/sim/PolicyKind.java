package dev.shunt.loadtest.sim;

import dev.shunt.routing.RoutingPolicy;
import dev.shunt.routing.SizeThresholdConfig;
import dev.shunt.routing.SloConfig;
import dev.shunt.vocabulary.LatencyClass;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The policies compared, each the real {@link RoutingPolicy} on the fleet it is meant for. */
public enum PolicyKind {
    /** Everything to the CPU pool of the CPU-only fleet. */
    CPU_ONLY("cpu-only", FleetKind.CPU),
    /** Everything to the GPU pool of the GPU-only fleet. */
    GPU_ONLY("gpu-only", FleetKind.GPU),
    /** Small requests to the CPU pool, large to the GPU pool, each spilling to the other. */
    SIZE_THRESHOLD("size-threshold", FleetKind.HYBRID),
    /** Realtime to the CPU pool, standard and batch to the GPU pool. */
    LATENCY_CLASS("latency-class", FleetKind.HYBRID),
    /** The cheapest pool expected to answer in time, from the learned curves. */
    SLO("slo", FleetKind.HYBRID);

    /** Which of the three fleets a policy runs on. */
    public enum FleetKind { CPU, GPU, HYBRID }

    final String label;
    final FleetKind fleet;

    PolicyKind(String label, FleetKind fleet) {
        this.label = label;
        this.fleet = fleet;
    }

    /** Is not slo. */
    boolean isStatic() {
        return this != SLO;
    }

    /** The policy, deciding with {@code clock}'s time. */
    RoutingPolicy build(Hardware hw, PolicySettings settings, Clock clock) {
        return switch (this) {
            case CPU_ONLY -> all("cpu");
            case GPU_ONLY -> all("gpu");
            case SIZE_THRESHOLD -> RoutingPolicy.sizeThreshold(new SizeThresholdConfig(
                    OptionalLong.of(settings.thresholdRows()), OptionalLong.empty(), "cpu", "gpu", true));
            case LATENCY_CLASS -> RoutingPolicy.latencyClass(Map.of(LatencyClass.REALTIME, "cpu",
                    LatencyClass.STANDARD, "gpu", LatencyClass.BATCH, "gpu"));
            case SLO -> RoutingPolicy.slo(new SloConfig(List.of(
                    new SloConfig.Pool("cpu", hw.cpuPricePerHour(), hw.cpuWorkers()),
                    new SloConfig.Pool("gpu", hw.gpuPricePerHour(), 1, true)), settings.sloMargin(), settings.sloRejectUnmeetable(),
                    settings.sloProtectWait()), clock);
        };
    }

    private static RoutingPolicy all(String pool) {
        Map<LatencyClass, String> map = new EnumMap<>(LatencyClass.class);
        for (LatencyClass c : LatencyClass.values()) {
            map.put(c, pool);
        }
        return RoutingPolicy.latencyClass(map);
    }
}
