package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Routes by size: see {@link SizeThresholdConfig}. Reasons {@code size<=N}, {@code size>N}, {@code bytes<=N}, {@code bytes>N}. */
final class SizeThresholdPolicy implements RoutingPolicy {

    private final SizeThresholdConfig config;
    private final String smallReason;
    private final String largeReason;

    SizeThresholdPolicy(SizeThresholdConfig config) {
        this.config = requireNonNull(config, "config");
        if (config.maxRows().isPresent()) {
            smallReason = "size<=" + config.maxRows().getAsLong();
            largeReason = "size>" + config.maxRows().getAsLong();
        } else {
            smallReason = "bytes<=" + config.maxBytes().getAsLong();
            largeReason = "bytes>" + config.maxBytes().getAsLong();
        }
    }

    @Override
    public Decision decide(RequestProfile profile, ClusterSnapshot cluster) {
        boolean small = (config.maxRows().isEmpty() || profile.batchSize() <= config.maxRows().getAsLong())
                && (config.maxBytes().isEmpty() || profile.payloadBytes() <= config.maxBytes().getAsLong());
        String target = small ? config.smallPool() : config.largePool();
        String other = small ? config.largePool() : config.smallPool();
        return Spill.routeOrSpill(target, config.spill() ? Optional.of(other) : Optional.empty(), cluster,
                small ? smallReason : largeReason);
    }
}
