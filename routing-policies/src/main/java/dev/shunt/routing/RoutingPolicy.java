package dev.shunt.routing;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Decides which pool serves a request: a pure function of the request's profile and a snapshot of
 * the pools, so it is tested with plain objects. Compose with the decorators
 * ({@link #deadlineAware}, {@link #rejectingUnmeetable}, {@link #sheddingByClass}, {@link #shifting}).
 */
@FunctionalInterface
public interface RoutingPolicy {

    /** Route to a pool with a short stable reason, or reject with one. */
    Decision decide(RequestProfile profile, ClusterSnapshot cluster);

    /** Small requests to one pool, large to another, each spilling to the other when configured. */
    static RoutingPolicy sizeThreshold(SizeThresholdConfig config) {
        return new SizeThresholdPolicy(config);
    }

    /** One pool per latency class. */
    static RoutingPolicy latencyClass(Map<LatencyClass, String> poolByClass) {
        return new LatencyClassPolicy(poolByClass);
    }

    /** An ordered rule list, first match wins, each rule with its own spill pool. */
    static RoutingPolicy rules(List<RouteRule> rules) {
        return new RulesPolicy(rules);
    }

    /**
     * The cheapest pool expected to answer before the deadline, from the latency the gateway learns per
     * pool ({@link PoolSnapshot#curve()}); see {@link SloConfig}.
     */
    static RoutingPolicy slo(SloConfig config, Clock clock) {
        return new SloPolicy(config, clock);
    }

    /** Rejects requests whose deadline passed before consulting {@code inner}. */
    static RoutingPolicy deadlineAware(RoutingPolicy inner, Clock clock) {
        return new DeadlineAwarePolicy(inner, clock);
    }

    /**
     * Sends the share of a traffic shift in progress ({@link ClusterSnapshot#shift()}) to its candidate
     * pool; compose it inside {@link #sheddingByClass} so shifted traffic is shed like any other.
     */
    static RoutingPolicy shifting(RoutingPolicy inner) {
        return new ShiftingPolicy(inner);
    }

    /**
     * Refuses a request the pool {@code inner} chose is not expected to answer before its deadline (its
     * service time on the pool's learned curve plus the work in flight ahead of it), rather than let it
     * wait past the deadline: {@link Rejection#UNMEETABLE}, reason {@code deadline-unmeetable}.
     *
     * @param concurrency requests one backend of each pool works on at once (a pool not named: 1)
     */
    static RoutingPolicy rejectingUnmeetable(RoutingPolicy inner, Map<String, Integer> concurrency, Clock clock) {
        return new UnmeetablePolicy(inner, concurrency, clock);
    }

    /** Sheds batch before standard before realtime as the chosen pool's load grows. */
    static RoutingPolicy sheddingByClass(RoutingPolicy inner, SheddingConfig config) {
        return new SheddingPolicy(inner, config);
    }
}
