package dev.shunt.gateway.shadow;

import static dev.shunt.gateway.shadow.Comparisons.agreeing;
import static dev.shunt.gateway.shadow.Comparisons.classification;
import static dev.shunt.gateway.shadow.Comparisons.numericOff;
import static dev.shunt.gateway.shadow.Comparisons.shadowError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shunt.gateway.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShadowReportTest {

    private static final String ROUTE = "resnet";

    private final MutableClock clock = new MutableClock();
    private final ShadowCriteria criteria = new ShadowCriteria(10, 0.9, 1.5, 0.1, Duration.ofMinutes(1));
    private final ShadowReport report = new ShadowReport(criteria, clock);

    private void recordTimes(int n, Comparison c) {
        for (int i = 0; i < n; i++) {
            report.record(ROUTE, "r-" + i, c);
        }
    }

    @Test
    void readyWhenEveryCriterionHolds() {
        recordTimes(10, agreeing(100, 140));

        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.verdict()).isEqualTo(Verdict.READY);
        assertThat(s.reasons()).isEmpty();
        assertThat(s.route()).isEqualTo(ROUTE);
        assertThat(s.samples()).isEqualTo(10);
        assertThat(s.agreement()).isEqualTo(1.0);
        assertThat(s.adjustedAgreement()).isEqualTo(1.0);
        assertThat(s.statusAgreement()).isEqualTo(1.0);
        assertThat(s.structureAgreement()).isEqualTo(1.0);
        assertThat(s.numericAgreement()).isEqualTo(1.0);
        assertThat(s.primaryLatency()).isEqualTo(new LatencyQuantiles(0.1, 0.1));
        assertThat(s.shadowLatency()).isEqualTo(new LatencyQuantiles(0.14, 0.14));
        assertThat(s.p99Ratio()).isCloseTo(1.4, within(1e-9));
        assertThat(s.shadowErrorRate()).isZero();
        assertThat(s.primaryErrorRate()).isZero();
        assertThat(s.top1Agreement()).isNull();
        assertThat(s.noise()).isNull();
        assertThat(s.recentMismatches()).isEmpty();
    }

    @Test
    void tooFewSamples() {
        recordTimes(9, agreeing());

        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(s.reasons()).containsExactly("samples 9 < 10");
    }

    @Test
    void lowAgreement() {
        recordTimes(19, agreeing());
        recordTimes(1, numericOff(0.5));
        assertThat(report.snapshot(ROUTE).verdict()).isEqualTo(Verdict.READY);

        recordTimes(2, numericOff(0.5));
        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.agreement()).isCloseTo(19.0 / 22, within(1e-9));
        assertThat(s.reasons()).containsExactly("agreement 0.864 < 0.900");
    }

    @Test
    void slowShadow() {
        recordTimes(10, agreeing(100, 210));

        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.p99Ratio()).isCloseTo(2.1, within(1e-9));
        assertThat(s.reasons()).containsExactly("p99 ratio 2.10 > 1.50");
    }

    @Test
    void shadowErrors() {
        recordTimes(19, agreeing());
        recordTimes(1, shadowError());
        assertThat(report.snapshot(ROUTE).shadowErrorRate()).isCloseTo(0.05, within(1e-9));

        report.record(ROUTE, "late", shadowError());
        report.record(ROUTE, "later", shadowError());
        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.shadowErrorRate()).isCloseTo(3.0 / 22, within(1e-9));
        assertThat(s.statusAgreement()).isCloseTo(19.0 / 22, within(1e-9));
        assertThat(s.reasons()).containsExactly("agreement 0.864 < 0.900", "shadow error rate 0.136 > 0.100");
    }

    @Test
    void everyFailedCriterionIsListed() {
        report.record(ROUTE, "a", agreeing(100, 250));
        report.record(ROUTE, "b", shadowError());

        assertThat(report.snapshot(ROUTE).reasons()).containsExactly(
                "samples 2 < 10", "agreement 0.500 < 0.900", "p99 ratio 2.50 > 1.50", "shadow error rate 0.500 > 0.100");
    }

    @Test
    void unknownRouteIsEmptyAndNotReady() {
        Snapshot s = report.snapshot("nope");

        assertThat(s.samples()).isZero();
        assertThat(s.verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(s.reasons()).containsExactly("samples 0 < 10", "agreement 0.000 < 0.900");
        assertThat(report.routes()).isEmpty();
    }

    @Test
    void samplesLeaveTheWindow() {
        recordTimes(5, agreeing());
        clock.advance(Duration.ofSeconds(30));
        recordTimes(3, numericOff(0.2));
        assertThat(report.snapshot(ROUTE).samples()).isEqualTo(8);

        clock.advance(Duration.ofMillis(29_999));
        assertThat(report.snapshot(ROUTE).samples()).isEqualTo(8);

        clock.advance(Duration.ofMillis(1));
        Snapshot afterFirst = report.snapshot(ROUTE);
        assertThat(afterFirst.samples()).isEqualTo(3);
        assertThat(afterFirst.agreement()).isZero();

        clock.advance(Duration.ofSeconds(30));
        Snapshot empty = report.snapshot(ROUTE);
        assertThat(empty.samples()).isZero();
        assertThat(empty.absoluteError()).isEqualTo(new ErrorQuantiles(0, 0, 0));
        assertThat(empty.recentMismatches()).hasSize(3);
    }

    @Test
    void longWindowsUseWiderBuckets() {
        ShadowReport twoHours = new ShadowReport(
                new ShadowCriteria(1, 0.9, 1.5, 0.1, Duration.ofHours(2)), clock);
        twoHours.record(ROUTE, "r", agreeing());

        clock.advance(Duration.ofHours(2).minusMillis(1));
        assertThat(twoHours.snapshot(ROUTE).samples()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(twoHours.snapshot(ROUTE).samples()).isZero();
    }

    @Test
    void shortWindowsUseOneBucket() {
        ShadowReport fiveSeconds = new ShadowReport(
                new ShadowCriteria(1, 0.9, 1.5, 0.1, Duration.ofSeconds(5)), clock);
        fiveSeconds.record(ROUTE, "r", agreeing());

        clock.advance(Duration.ofMillis(4_999));
        assertThat(fiveSeconds.snapshot(ROUTE).verdict()).isEqualTo(Verdict.READY);
        clock.advance(Duration.ofMillis(1));
        assertThat(fiveSeconds.snapshot(ROUTE).samples()).isZero();
    }

    @Test
    void bucketsAreReusedAfterTheyExpire() {
        recordTimes(5, numericOff(0.2));
        clock.advance(Duration.ofMinutes(1));
        recordTimes(2, agreeing());

        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.samples()).isEqualTo(2);
        assertThat(s.agreement()).isEqualTo(1.0);
        assertThat(s.absoluteError().max()).isZero();
    }

    @Test
    void absoluteErrorQuantiles() {
        recordTimes(98, agreeing());
        report.record(ROUTE, "x", numericOff(0.3));
        report.record(ROUTE, "y", numericOff(0.31));

        ErrorQuantiles e = report.snapshot(ROUTE).absoluteError();

        assertThat(e.p50()).isZero();
        assertThat(e.p99()).isCloseTo(0.3, within(0.003));
        assertThat(e.max()).isEqualTo(0.31);
    }

    @Test
    void structureMismatchesStayOutOfTheErrorQuantilesAndNumericAgreement() {
        recordTimes(9, agreeing());
        recordTimes(1, numericOff(0.5));
        recordTimes(10, shadowError());

        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.structureAgreement()).isEqualTo(0.5);
        assertThat(s.numericAgreement()).isEqualTo(0.9);
        assertThat(s.absoluteError().max()).isEqualTo(0.5);
    }

    @Test
    void noiseFloorExcusesNumericDisagreementsOfTheSameSize() {
        recordTimes(8, agreeing());
        recordTimes(2, numericOff(0.02));
        Snapshot before = report.snapshot(ROUTE);
        assertThat(before.adjustedAgreement()).isEqualTo(before.agreement()).isEqualTo(0.8);
        assertThat(before.reasons()).containsExactly("agreement 0.800 < 0.900");

        for (int i = 0; i < 20; i++) {
            report.recordNoise(ROUTE, i < 15 ? agreeing() : numericOff(0.05));
        }
        Snapshot after = report.snapshot(ROUTE);

        assertThat(after.noise()).isNotNull();
        assertThat(after.noise().samples()).isEqualTo(20);
        assertThat(after.noise().agreement()).isEqualTo(0.75);
        assertThat(after.noise().absoluteErrorP99()).isCloseTo(0.05, within(0.001));
        assertThat(after.samples()).isEqualTo(10);
        assertThat(after.agreement()).isEqualTo(0.8);
        assertThat(after.adjustedAgreement()).isEqualTo(1.0);
        assertThat(after.verdict()).isEqualTo(Verdict.READY);
    }

    @Test
    void noiseFloorDoesNotExcuseLargerOrOtherDisagreements() {
        recordTimes(6, agreeing());
        recordTimes(2, numericOff(0.02));
        recordTimes(1, numericOff(0.5));
        recordTimes(1, shadowError());
        report.recordNoise(ROUTE, numericOff(0.05));

        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.agreement()).isEqualTo(0.6);
        assertThat(s.adjustedAgreement()).isEqualTo(0.8);
    }

    @Test
    void noiseSamplesExpireToo() {
        report.recordNoise(ROUTE, numericOff(0.05));
        clock.advance(Duration.ofMinutes(1));

        assertThat(report.snapshot(ROUTE).noise()).isNull();
    }

    @Test
    void topOneAgreementOverClassificationSamplesOnly() {
        recordTimes(6, agreeing());
        recordTimes(3, classification(true));
        recordTimes(1, classification(false));

        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.top1Agreement()).isEqualTo(0.75);
        assertThat(s.agreement()).isEqualTo(0.9);
    }

    @Test
    void lastTenMismatchesNewestFirst() {
        for (int i = 0; i < 12; i++) {
            report.record(ROUTE, "r-" + i, numericOff(0.2));
            report.record(ROUTE, "ok-" + i, agreeing());
            clock.advance(Duration.ofSeconds(1));
        }

        List<Mismatch> recent = report.snapshot(ROUTE).recentMismatches();

        assertThat(recent).hasSize(10);
        assertThat(recent).extracting(Mismatch::requestId)
                .containsExactly("r-11", "r-10", "r-9", "r-8", "r-7", "r-6", "r-5", "r-4", "r-3", "r-2");
        assertThat(recent.get(0)).isEqualTo(new Mismatch("r-11", "output y max abs error 0.2 > tolerance",
                "2026-11-22T12:00:11Z"));
    }

    @Test
    void longRequestIdsAreCut() {
        report.record(ROUTE, "x".repeat(1000), shadowError());

        assertThat(report.snapshot(ROUTE).recentMismatches().get(0).requestId()).hasSize(128);
    }

    @Test
    void routesAreCapped() {
        for (int i = 0; i < ShadowReport.MAX_ROUTES; i++) {
            assertThat(report.record("route-" + i, "r", agreeing())).isTrue();
        }

        assertThat(report.record("one-too-many", "r", agreeing())).isFalse();
        assertThat(report.recordNoise("one-too-many", agreeing())).isFalse();
        assertThat(report.record("route-7", "r", agreeing())).isTrue();
        assertThat(report.routes()).hasSize(ShadowReport.MAX_ROUTES).doesNotContain("one-too-many");
        assertThat(report.snapshot("route-7").samples()).isEqualTo(2);
    }

    @Test
    void concurrentRecordsAreAllCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        report.record(ROUTE, "r", i % 10 == 0 ? numericOff(0.1) : agreeing());
                        report.recordNoise(ROUTE, agreeing());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Snapshot s = report.snapshot(ROUTE);

        assertThat(s.samples()).isEqualTo(4000);
        assertThat(s.agreement()).isEqualTo(0.9);
        assertThat(s.noise().samples()).isEqualTo(4000);
    }

    @Test
    void snapshotWritesAsJson() throws Exception {
        recordTimes(10, agreeing(100, 140));
        report.record(ROUTE, "bad", shadowError());

        String json = new ObjectMapper().writeValueAsString(report.snapshot(ROUTE));

        assertThat(json)
                .contains("\"route\":\"resnet\"")
                .contains("\"verdict\":\"READY\"")
                .contains("\"reasons\":[]")
                .contains("\"noise\":null")
                .contains("\"recentMismatches\":[{\"requestId\":\"bad\",\"reason\":\"status 200 vs 503\",\"at\":\"2026-11-22T12:00:00Z\"}]")
                .contains("\"shadowLatency\":{\"p50Ms\":0.14,\"p99Ms\":0.14}");
    }
}
