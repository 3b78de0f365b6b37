package dev.shunt.routing;

import static dev.shunt.routing.Fixtures.NOW;
import static dev.shunt.routing.Fixtures.backend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.routing.latency.ServiceCurve;
import dev.shunt.vocabulary.LatencyClass;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnmeetablePolicyTest {

    static final double MS = 1e6;
    /** 2 ms fixed, 1 ms per row, typical request 2 rows (4 ms); the backends report a long wait they had. */
    static final ServiceCurve CPU = new ServiceCurve(2 * MS, 1 * MS, 500 * MS, 2, 100);

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final RoutingPolicy policy = RoutingPolicy.rejectingUnmeetable(
            RoutingPolicy.rules(List.of(RouteRule.any("all", "cpu", Optional.empty()))),
            Map.of("cpu", 2), clock);

    static RequestProfile request(long rows, Duration left) {
        return new RequestProfile("mlp", rows * 2048, rows, 0, LatencyClass.REALTIME, NOW.plus(left), Map.of());
    }

    static ClusterSnapshot cpu(int... inFlight) {
        List<BackendSnapshot> backends = new java.util.ArrayList<>();
        for (int i = 0; i < inFlight.length; i++) {
            backends.add(backend("c" + i, inFlight[i], 64));
        }
        return Fixtures.cluster(new PoolSnapshot("cpu", backends, Optional.of(CPU)));
    }

    @Test
    void anIdlePoolAdmitsWhatItServesInTimeWhateverWaitTheBackendsReportedBefore() {
        // 1 row: 3 ms of service, no request ahead; the 500 ms the backends reported is history
        assertThat(policy.decide(request(1, Duration.ofMillis(10)), cpu(0))).isEqualTo(new Decision.Route("cpu", "all"));
    }

    @Test
    void aRequestWhoseServiceAloneOutlastsItsDeadlineIsRefused() {
        // 64 rows: 66 ms of service with 50 ms left
        assertThat(policy.decide(request(64, Duration.ofMillis(50)), cpu(0)))
                .isEqualTo(new Decision.Reject(Rejection.UNMEETABLE, "deadline-unmeetable"));
    }

    @Test
    void theBacklogAheadOnTheLeastBusyBackendCounts() {
        // 41 in flight on 2 workers: 40 typical requests (4 ms) queued over 2 workers: 80 ms ahead, + 3 ms
        assertThat(policy.decide(request(1, Duration.ofMillis(100)), cpu(41))).isInstanceOf(Decision.Route.class);
        assertThat(policy.decide(request(1, Duration.ofMillis(80)), cpu(41)))
                .isEqualTo(new Decision.Reject(Rejection.UNMEETABLE, "deadline-unmeetable"));
        // a second backend with 1 in flight has a free worker: in time again
        assertThat(policy.decide(request(1, Duration.ofMillis(80)), cpu(41, 1))).isInstanceOf(Decision.Route.class);
    }

    @Test
    void theSlowdownTheGatewayLearnedScalesTheEstimateButAnIdleBackendIsAlwaysTried() {
        // 41 in flight: 83 ms by the curve, 249 ms three times slowed down
        ClusterSnapshot slow = Fixtures.cluster(new PoolSnapshot("cpu", List.of(backend("c1", 41, 64)), Optional.of(CPU), 3));
        assertThat(policy.decide(request(1, Duration.ofMillis(200)), slow))
                .isEqualTo(new Decision.Reject(Rejection.UNMEETABLE, "deadline-unmeetable"));
        assertThat(policy.decide(request(1, Duration.ofMillis(300)), slow)).isInstanceOf(Decision.Route.class);

        // a backend with nothing in flight is tried however slow the last answers were, so they keep teaching
        ClusterSnapshot idle = Fixtures.cluster(new PoolSnapshot("cpu", List.of(backend("c1", 0, 64)), Optional.of(CPU), 100));
        assertThat(policy.decide(request(1, Duration.ofMillis(10)), idle)).isInstanceOf(Decision.Route.class);
        // one in flight, a free worker left: 3 ms by the curve, 300 ms a hundred times slowed down
        ClusterSnapshot one = Fixtures.cluster(new PoolSnapshot("cpu", List.of(backend("c1", 1, 64)), Optional.of(CPU), 100));
        assertThat(policy.decide(request(1, Duration.ofMillis(10)), one))
                .isEqualTo(new Decision.Reject(Rejection.UNMEETABLE, "deadline-unmeetable"));
    }

    @Test
    void otherDecisionsAndPoolsWithoutACurvePassAsTheyAre() {
        ClusterSnapshot unlearned = Fixtures.cluster(new PoolSnapshot("cpu", List.of(backend("c1", 60, 64))));
        assertThat(policy.decide(request(64, Duration.ofMillis(1)), unlearned)).isEqualTo(new Decision.Route("cpu", "all"));

        ClusterSnapshot down = Fixtures.cluster(new PoolSnapshot("cpu", List.of(Fixtures.down("c1")), Optional.of(CPU)));
        assertThat(policy.decide(request(1, Duration.ofSeconds(1)), down))
                .isEqualTo(new Decision.Reject(Rejection.NO_BACKEND, "no-healthy-backend"));
    }

    @Test
    void aConcurrencyBelowOneIsRefusedWithThePool() {
        assertThatThrownBy(() -> RoutingPolicy.rejectingUnmeetable((p, c) -> null, Map.of("cpu", 0), clock))
                .hasMessage("concurrency of pool cpu: 0 (expected: >= 1)");
    }
}
