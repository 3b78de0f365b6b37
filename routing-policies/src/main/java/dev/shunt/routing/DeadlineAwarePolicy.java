package dev.shunt.routing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

/** Rejects a request whose deadline has passed ({@code deadline-passed}) before asking the inner policy. */
final class DeadlineAwarePolicy implements RoutingPolicy {

    private final RoutingPolicy inner;
    private final Clock clock;

    DeadlineAwarePolicy(RoutingPolicy inner, Clock clock) {
        this.inner = requireNonNull(inner, "inner");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Decision decide(RequestProfile profile, ClusterSnapshot cluster) {
        if (!clock.instant().isBefore(profile.deadline())) {
            return new Decision.Reject(Rejection.DEADLINE, "deadline-passed");
        }
        return inner.decide(profile, cluster);
    }
}
