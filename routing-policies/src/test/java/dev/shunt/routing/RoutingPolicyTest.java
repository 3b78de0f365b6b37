package dev.shunt.routing;

import static dev.shunt.routing.Fixtures.NOW;
import static dev.shunt.routing.Fixtures.backend;
import static dev.shunt.routing.Fixtures.cluster;
import static dev.shunt.routing.Fixtures.down;
import static dev.shunt.routing.Fixtures.pool;
import static dev.shunt.routing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.vocabulary.LatencyClass;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

    static final RoutingPolicy SIZE = RoutingPolicy.sizeThreshold(
            new SizeThresholdConfig(OptionalLong.of(4), OptionalLong.empty(), "cpu", "gpu", true));

    @Test
    void sizeThresholdSendsSmallToCpuAndLargeToGpu() {
        assertThat(SIZE.decide(request(1, LatencyClass.STANDARD), cluster(0, 0)))
                .isEqualTo(new Decision.Route("cpu", "size<=4"));
        assertThat(SIZE.decide(request(4, LatencyClass.STANDARD), cluster(0, 0)))
                .isEqualTo(new Decision.Route("cpu", "size<=4"));
        assertThat(SIZE.decide(request(5, LatencyClass.STANDARD), cluster(0, 0)))
                .isEqualTo(new Decision.Route("gpu", "size>4"));
    }

    @Test
    void bytesThresholdAlone() {
        RoutingPolicy bytes = RoutingPolicy.sizeThreshold(
                new SizeThresholdConfig(OptionalLong.empty(), OptionalLong.of(4096), "cpu", "gpu", false));
        assertThat(bytes.decide(request(2, LatencyClass.STANDARD), cluster(0, 0)).reason()).isEqualTo("bytes<=4096");
        assertThat(bytes.decide(request(3, LatencyClass.STANDARD), cluster(0, 0)))
                .isEqualTo(new Decision.Route("gpu", "bytes>4096"));
    }

    @Test
    void spillsWhenTheTargetIsSaturatedOrDown() {
        assertThat(SIZE.decide(request(1, LatencyClass.STANDARD), cluster(10, 0)))
                .isEqualTo(spilled("gpu", "cpu", Spillover.Cause.SATURATED));
        ClusterSnapshot cpuDown = cluster(pool("cpu", down("c1")), pool("gpu", backend("g1", 0, 10)));
        assertThat(SIZE.decide(request(1, LatencyClass.STANDARD), cpuDown))
                .isEqualTo(spilled("gpu", "cpu", Spillover.Cause.DOWN));
    }

    @Test
    void rejectsWhenNeitherPoolCanServe() {
        assertThat(SIZE.decide(request(1, LatencyClass.STANDARD), cluster(10, 10)))
                .isEqualTo(new Decision.Reject(Rejection.OVERLOADED, "all-pools-saturated"));
        ClusterSnapshot allDown = cluster(pool("cpu", down("c1")), pool("gpu", down("g1")));
        assertThat(SIZE.decide(request(1, LatencyClass.STANDARD), allDown))
                .isEqualTo(new Decision.Reject(Rejection.NO_BACKEND, "no-healthy-backend"));
    }

    @Test
    void latencyClassPicksThePoolOfTheClass() {
        RoutingPolicy byClass = RoutingPolicy.latencyClass(
                Map.of(LatencyClass.REALTIME, "cpu", LatencyClass.STANDARD, "cpu", LatencyClass.BATCH, "gpu"));
        assertThat(byClass.decide(request(64, LatencyClass.REALTIME), cluster(0, 0)))
                .isEqualTo(new Decision.Route("cpu", "class=realtime"));
        assertThat(byClass.decide(request(1, LatencyClass.BATCH), cluster(0, 0)))
                .isEqualTo(new Decision.Route("gpu", "class=batch"));
        assertThatThrownBy(() -> RoutingPolicy.latencyClass(Map.of(LatencyClass.REALTIME, "cpu")))
                .hasMessageContaining("poolByClass.standard: missing");
    }

    @Test
    void rulesTakeTheFirstMatchWithItsSpill() {
        RouteRule realtime = new RouteRule("realtime", Set.of("*"), Set.of(LatencyClass.REALTIME), 1, Long.MAX_VALUE,
                0, Long.MAX_VALUE, Optional.empty(), Optional.empty(), "cpu", Optional.of("gpu"));
        RouteRule small = new RouteRule("small", Set.of("*"), Set.of(), 1, 4, 0, Long.MAX_VALUE, Optional.empty(),
                Optional.empty(), "cpu", Optional.of("gpu"));
        RouteRule canary = new RouteRule("canary", Set.of("mlp"), Set.of(), 1, Long.MAX_VALUE, 0, Long.MAX_VALUE,
                Optional.of("X-Canary"), Optional.of("yes"), "staging", Optional.empty());
        RouteRule large = RouteRule.any("large", "gpu", Optional.of("cpu"));
        RoutingPolicy rules = RoutingPolicy.rules(List.of(realtime, canary, small, large));
        ClusterSnapshot all = cluster(pool("cpu", backend("c1", 0, 10)), pool("gpu", backend("g1", 0, 10)),
                pool("staging", backend("s1", 0, 10)));

        assertThat(rules.decide(request(64, LatencyClass.REALTIME), all)).isEqualTo(new Decision.Route("cpu", "realtime"));
        assertThat(rules.decide(request(2, LatencyClass.BATCH), all)).isEqualTo(new Decision.Route("cpu", "small"));
        assertThat(rules.decide(request(64, LatencyClass.BATCH), all)).isEqualTo(new Decision.Route("gpu", "large"));
        RequestProfile withHeader = new RequestProfile("mlp", 10, 2, 1024, LatencyClass.STANDARD, NOW.plusSeconds(1),
                Map.of("x-canary", "yes"));
        assertThat(rules.decide(withHeader, all)).isEqualTo(new Decision.Route("staging", "canary"));
        assertThat(rules.decide(request(64, LatencyClass.BATCH), cluster(0, 10)))
                .isEqualTo(spilled("cpu", "gpu", Spillover.Cause.SATURATED));
    }

    @Test
    void aRuleAppliesToEachOfItsModelsAndNoOther() {
        RouteRule language = new RouteRule("language", Set.of("bert", "gpt"), Set.of(), 1, Long.MAX_VALUE, 0,
                Long.MAX_VALUE, Optional.empty(), Optional.empty(), "gpu", Optional.empty());
        RoutingPolicy rules = RoutingPolicy.rules(List.of(language, RouteRule.any("rest", "cpu", Optional.empty())));
        for (String model : List.of("bert", "gpt")) {
            RequestProfile profile = new RequestProfile(model, 2048, 1, 512, LatencyClass.STANDARD, NOW, Map.of());
            assertThat(rules.decide(profile, cluster(0, 0))).as(model).isEqualTo(new Decision.Route("gpu", "language"));
        }
        assertThat(rules.decide(request(1, LatencyClass.STANDARD), cluster(0, 0)))
                .isEqualTo(new Decision.Route("cpu", "rest"));
        assertThatThrownBy(() -> new RouteRule("x", Set.of(), Set.of(), 1, 4, 0, 10, Optional.empty(), Optional.empty(),
                "cpu", Optional.empty())).hasMessage("models: [] (expected: model names or \"*\")");
    }

    @Test
    void noMatchingRuleIsRejected() {
        RouteRule onlyBert = new RouteRule("bert", Set.of("bert"), Set.of(), 1, Long.MAX_VALUE, 0, Long.MAX_VALUE,
                Optional.empty(), Optional.empty(), "gpu", Optional.empty());
        assertThat(RoutingPolicy.rules(List.of(onlyBert)).decide(request(1, LatencyClass.STANDARD), cluster(0, 0)))
                .isEqualTo(new Decision.Reject(Rejection.NO_ROUTE, "no-rule"));
    }

    @Test
    void ruleValidationNamesTheField() {
        assertThatThrownBy(() -> new RouteRule("Small Ones", Set.of("*"), Set.of(), 1, 4, 0, 10, Optional.empty(),
                Optional.empty(), "cpu", Optional.empty())).hasMessageContaining("name: \"Small Ones\"");
        assertThatThrownBy(() -> new RouteRule("x", Set.of("*"), Set.of(), 5, 4, 0, 10, Optional.empty(),
                Optional.empty(), "cpu", Optional.empty()))
                .hasMessage("minRows..maxRows: 5..4 (expected: 1 <= minRows <= maxRows)");
        assertThatThrownBy(() -> RouteRule.any("x", "cpu", Optional.of("cpu")))
                .hasMessageContaining("spill: \"cpu\" (expected: a pool other than the rule's own)");
        assertThatThrownBy(() -> RoutingPolicy.rules(List.of())).hasMessageContaining("rules: []");
        assertThatThrownBy(() -> new SizeThresholdConfig(OptionalLong.of(-3), OptionalLong.empty(), "cpu", "gpu", true))
                .hasMessage("maxRows: -3 (expected: > 0)");
    }

    @Test
    void deadlinePassedIsRejectedWithoutAskingTheInnerPolicy() {
        Clock late = Clock.fixed(NOW.plusSeconds(3), ZoneOffset.UTC);
        Clock early = Clock.fixed(NOW, ZoneOffset.UTC);
        RoutingPolicy never = (p, c) -> {
            throw new AssertionError("inner policy consulted");
        };
        assertThat(RoutingPolicy.deadlineAware(never, late).decide(request(1, LatencyClass.STANDARD), cluster(0, 0)))
                .isEqualTo(new Decision.Reject(Rejection.DEADLINE, "deadline-passed"));
        assertThat(RoutingPolicy.deadlineAware(SIZE, early).decide(request(1, LatencyClass.STANDARD), cluster(0, 0)))
                .isEqualTo(new Decision.Route("cpu", "size<=4"));
    }

    @Test
    void shedsBatchBeforeStandardBeforeRealtime() {
        RoutingPolicy shedding = RoutingPolicy.sheddingByClass(SIZE, SheddingConfig.ofDefaults());
        ClusterSnapshot at75 = cluster(pool("cpu", backend("c1", 6, 8)), pool("gpu", backend("g1", 0, 10)));
        ClusterSnapshot at90 = cluster(pool("cpu", backend("c1", 9, 10)), pool("gpu", backend("g1", 0, 10)));

        assertThat(shedding.decide(request(1, LatencyClass.BATCH), at75))
                .isEqualTo(new Decision.Reject(Rejection.SHED, "shed:batch"));
        assertThat(shedding.decide(request(1, LatencyClass.STANDARD), at75)).isInstanceOf(Decision.Route.class);
        assertThat(shedding.decide(request(1, LatencyClass.STANDARD), at90))
                .isEqualTo(new Decision.Reject(Rejection.SHED, "shed:standard"));
        assertThat(shedding.decide(request(1, LatencyClass.REALTIME), at90)).isEqualTo(new Decision.Route("cpu", "size<=4"));
        assertThatThrownBy(() -> new SheddingConfig(Map.of(LatencyClass.BATCH, 0.9, LatencyClass.STANDARD, 0.8,
                LatencyClass.REALTIME, 1.0))).hasMessageContaining("expected: batch <= standard <= realtime");
    }

    @Test
    void aShiftSendsItsShareToTheCandidateAndSaysWhereItWouldHaveGone() {
        RoutingPolicy shifting = RoutingPolicy.shifting(SIZE);
        Map<String, PoolSnapshot> pools = Map.of("cpu", pool("cpu", backend("c1", 0, 10)),
                "gpu", pool("gpu", backend("g1", 0, 10)), "staging", pool("staging", backend("s1", 0, 10)));
        ClusterSnapshot shifted = new ClusterSnapshot(pools, Optional.of(shift("staging", true)));
        ClusterSnapshot kept = new ClusterSnapshot(pools, Optional.of(shift("staging", false)));

        assertThat(shifting.decide(request(1, LatencyClass.STANDARD), shifted))
                .isEqualTo(new Decision.Route("staging", "cutover", Optional.empty(), Optional.of("cpu")));
        assertThat(shifting.decide(request(64, LatencyClass.STANDARD), shifted))
                .isEqualTo(new Decision.Route("staging", "cutover", Optional.empty(), Optional.of("gpu")));
        assertThat(shifting.decide(request(1, LatencyClass.STANDARD), kept)).isEqualTo(new Decision.Route("cpu", "size<=4"));
        assertThat(shifting.decide(request(1, LatencyClass.STANDARD), new ClusterSnapshot(pools)))
                .isEqualTo(new Decision.Route("cpu", "size<=4"));
    }

    @Test
    void aShiftToACandidateThatCannotServeLeavesTheRequestWhereThePolicySentIt() {
        RoutingPolicy shifting = RoutingPolicy.shifting(SIZE);
        ClusterSnapshot full = new ClusterSnapshot(Map.of("cpu", pool("cpu", backend("c1", 0, 10)),
                "gpu", pool("gpu", backend("g1", 0, 10)), "staging", pool("staging", backend("s1", 10, 10))),
                Optional.of(shift("staging", true)));
        assertThat(shifting.decide(request(1, LatencyClass.STANDARD), full)).isEqualTo(new Decision.Route("cpu", "size<=4"));
    }

    @Test
    void shiftedTrafficIsShedLikeAnyOtherWhenTheCandidateIsLoaded() {
        RoutingPolicy policy = RoutingPolicy.sheddingByClass(RoutingPolicy.shifting(SIZE), SheddingConfig.ofDefaults());
        ClusterSnapshot loadedCandidate = new ClusterSnapshot(Map.of("cpu", pool("cpu", backend("c1", 0, 10)),
                "gpu", pool("gpu", backend("g1", 0, 10)), "staging", pool("staging", backend("s1", 8, 10))),
                Optional.of(shift("staging", true)));
        assertThat(policy.decide(request(1, LatencyClass.BATCH), loadedCandidate))
                .isEqualTo(new Decision.Reject(Rejection.SHED, "shed:batch"));
    }

    @Test
    void aSpilledRouteNamesThePoolItSpilledFromAndWhy() {
        Decision spilled = SIZE.decide(request(1, LatencyClass.STANDARD), cluster(10, 0));
        assertThat(spilled).isInstanceOfSatisfying(Decision.Route.class, route -> {
            assertThat(route.spill()).contains(new Spillover("cpu", Spillover.Cause.SATURATED));
            assertThat(route.reason()).isEqualTo("spill:cpu-saturated");
        });
    }

    private static Decision.Route spilled(String to, String from, Spillover.Cause cause) {
        Spillover spill = new Spillover(from, cause);
        return new Decision.Route(to, spill.reason(), Optional.of(spill), Optional.empty());
    }

    private static TrafficShift shift(String candidate, boolean always) {
        return new TrafficShift() {
            @Override
            public String candidatePool() {
                return candidate;
            }

            @Override
            public boolean nextToCandidate() {
                return always;
            }
        };
    }
}
