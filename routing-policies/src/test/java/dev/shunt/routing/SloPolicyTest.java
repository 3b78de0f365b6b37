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

class SloPolicyTest {

    static final double MS = 1e6;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** cpu is cheap and slow per row; gpu costs four times as much, with a fixed cost and a flat slope. */
    final SloConfig config = new SloConfig(List.of(new SloConfig.Pool("cpu", 1, 2), new SloConfig.Pool("gpu", 4, 1)),
            0.1, false);
    final RoutingPolicy policy = RoutingPolicy.slo(config, clock);

    static final ServiceCurve CPU = new ServiceCurve(1 * MS, 4 * MS, 0, 1, 100);
    static final ServiceCurve GPU = new ServiceCurve(8 * MS, 0.25 * MS, 2 * MS, 8, 100);

    static RequestProfile request(long rows, Duration deadline) {
        return new RequestProfile("convnet", rows * 49152, rows, rows * 12288, LatencyClass.STANDARD, NOW.plus(deadline),
                Map.of());
    }

    static ClusterSnapshot cluster(int cpuInFlight, int gpuInFlight) {
        return Fixtures.cluster(new PoolSnapshot("cpu", List.of(backend("c1", cpuInFlight, 16)), Optional.of(CPU)),
                new PoolSnapshot("gpu", List.of(backend("g1", gpuInFlight, 16)), Optional.of(GPU)));
    }

    @Test
    void aSmallRequestThatBothPoolsServeInTimeGoesToTheCheaperOne() {
        Decision d = policy.decide(request(1, Duration.ofMillis(200)), cluster(0, 0));

        assertThat(d).isEqualTo(new Decision.Route("cpu", "slo:cpu-cheapest"));
    }

    @Test
    void aLargeRequestGoesWhereItFinishesInTime() {
        // 32 rows: cpu 129 ms, gpu 18 ms; 100 ms left, 90 ms of it usable
        Decision d = policy.decide(request(32, Duration.ofMillis(100)), cluster(0, 0));

        assertThat(d).isEqualTo(new Decision.Route("gpu", "slo:gpu-only-in-time"));
    }

    @Test
    void aBacklogOnTheCheapPoolMovesTrafficAway() {
        // 2 rows: 9 ms on an idle cpu; with 6 in flight (3 typical requests per worker ahead) 24 ms; gpu 10.5 ms
        assertThat(((Decision.Route) policy.decide(request(2, Duration.ofMillis(20)), cluster(0, 0))).pool()).isEqualTo("cpu");

        Decision busy = policy.decide(request(2, Duration.ofMillis(20)), cluster(6, 0));

        assertThat(busy).isEqualTo(new Decision.Route("gpu", "slo:gpu-only-in-time"));
    }

    @Test
    void whenNoPoolIsInTimeTheFastestTakesIt() {
        Decision d = policy.decide(request(32, Duration.ofMillis(10)), cluster(0, 0));

        assertThat(d).isEqualTo(new Decision.Route("gpu", "slo:fastest"));
    }

    @Test
    void orItIsRefusedEarlyWhenTheRouteSaysSo() {
        RoutingPolicy strict = RoutingPolicy.slo(new SloConfig(config.pools(), 0.1, true), clock);

        Decision d = strict.decide(request(32, Duration.ofMillis(10)), cluster(0, 0));

        assertThat(d).isEqualTo(new Decision.Reject(Rejection.UNMEETABLE, "slo:unmeetable"));
    }

    @Test
    void aFullOrUnhealthyPoolIsNotChosen() {
        ClusterSnapshot cpuFull = Fixtures.cluster(
                new PoolSnapshot("cpu", List.of(backend("c1", 16, 16)), Optional.of(CPU)),
                new PoolSnapshot("gpu", List.of(backend("g1", 0, 16)), Optional.of(GPU)));
        assertThat(((Decision.Route) policy.decide(request(1, Duration.ofSeconds(1)), cpuFull)).pool()).isEqualTo("gpu");

        ClusterSnapshot allFull = Fixtures.cluster(
                new PoolSnapshot("cpu", List.of(backend("c1", 16, 16)), Optional.of(CPU)),
                new PoolSnapshot("gpu", List.of(Fixtures.down("g1")), Optional.of(GPU)));
        assertThat(policy.decide(request(1, Duration.ofSeconds(1)), allFull))
                .isEqualTo(new Decision.Reject(Rejection.OVERLOADED, "all-pools-saturated"));
    }

    @Test
    void withProtectWaitWorkWithTimeToSpareLeavesAQueuedPoolToRealtime() {
        RoutingPolicy protecting = RoutingPolicy.slo(new SloConfig(config.pools(), 0.1, false,
                Optional.of(Duration.ofMillis(20))), clock);
        RequestProfile batch = new RequestProfile("convnet", 8 * 49152, 8, 8 * 12288, LatencyClass.BATCH,
                NOW.plusSeconds(5), Map.of());
        RequestProfile realtime = new RequestProfile("convnet", 49152, 1, 12288, LatencyClass.REALTIME,
                NOW.plusMillis(50), Map.of());

        // cpu: 4 in flight on 2 workers, two queued: 5 ms of work each worker must get through first;
        // 8 rows would leave 5 + 33/2 ms behind them
        assertThat(policy.decide(batch, cluster(4, 0))).as("without it").isEqualTo(new Decision.Route("cpu", "slo:cpu-cheapest"));
        assertThat(protecting.decide(batch, cluster(4, 0))).isEqualTo(new Decision.Route("gpu", "slo:gpu-only-in-time"));
        assertThat(protecting.decide(realtime, cluster(4, 0))).isEqualTo(new Decision.Route("cpu", "slo:cpu-cheapest"));
    }

    @Test
    void aFreeWorkerMeansNoWait() {
        // 1 in flight on 2 workers: the cheap pool starts a 2-row request at once (9 ms)
        assertThat(policy.decide(request(2, Duration.ofMillis(11)), cluster(1, 0)))
                .isEqualTo(new Decision.Route("cpu", "slo:cpu-only-in-time"));
    }

    @Test
    void aRequestCostsTheBackendTimeItTakesUpSoBatchingMakesLargeOnesCheap() {
        SloConfig withBatching = new SloConfig(List.of(new SloConfig.Pool("cpu", 1, 2), new SloConfig.Pool("gpu", 4, 1, true)),
                0.1, false);
        RoutingPolicy policy = RoutingPolicy.slo(withBatching, clock);

        // 1 row: cpu 5 ms / 2 workers x 1 = 2.5; gpu (8 ms x 1/8 of its batch + 0.25 ms) x 4 = 5
        assertThat(policy.decide(request(1, Duration.ofSeconds(1)), cluster(0, 0)))
                .isEqualTo(new Decision.Route("cpu", "slo:cpu-cheapest"));
        // 16 rows: cpu 65 ms / 2 = 32.5; gpu (8 ms, its whole fixed part, + 4 ms) x 4 = 48 ... still cpu;
        // 64 rows: cpu 257 / 2 = 128.5; gpu (8 + 16) x 4 = 96: gpu
        assertThat(policy.decide(request(64, Duration.ofSeconds(1)), cluster(0, 0)))
                .isEqualTo(new Decision.Route("gpu", "slo:gpu-cheapest"));
    }

    @Test
    void configIsChecked() {
        assertThatThrownBy(() -> new SloConfig(List.of(), 0.1, false)).hasMessage("pools: [] (expected: at least one pool)");
        assertThatThrownBy(() -> new SloConfig(config.pools(), 0.95, false)).hasMessage("margin: 0.95 (expected: 0..0.9)");
        assertThatThrownBy(() -> new SloConfig.Pool("cpu", 0, 1)).hasMessage("cost: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> new SloConfig(config.pools(), 0.1, false, Optional.of(Duration.ZERO)))
                .hasMessage("protectWait: PT0S (expected: > 0)");
        assertThatThrownBy(() -> new SloConfig(List.of(new SloConfig.Pool("cpu", 1, 1), new SloConfig.Pool("cpu", 2, 1)),
                0.1, false)).hasMessage("pools: \"cpu\" twice (expected: each pool once)");
    }
}
