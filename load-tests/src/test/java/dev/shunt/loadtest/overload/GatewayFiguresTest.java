package dev.shunt.loadtest.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayFiguresTest {

    static String scrape(double le01, double le02, double inf, double late, double shed, double refusedBucket) {
        return """
                # HELP shunt_request_duration_seconds x
                shunt_request_duration_seconds_bucket{class="realtime",model="mlp",pool="cpu",le="0.1"} %s
                shunt_request_duration_seconds_bucket{class="realtime",model="mlp",pool="cpu",le="0.2"} %s
                shunt_request_duration_seconds_bucket{class="realtime",model="mlp",pool="cpu",le="+Inf"} %s
                shunt_request_duration_seconds_bucket{class="realtime",model="mlp",pool="none",le="0.1"} %s
                shunt_request_duration_seconds_bucket{class="batch",model="mlp",pool="cpu",le="0.1"} 99.0
                shunt_late_total{class="realtime"} %s
                shunt_shed_total{class="realtime",reason="deadline-unmeetable"} %s
                jvm_memory_used_bytes{area="heap",id="PS Eden Space"} 1048576.0
                jvm_memory_used_bytes{area="heap",id="PS Old Gen"} 2097152.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
                """.formatted(le01, le02, inf, refusedBucket, late, shed);
    }

    @Test
    void aPhaseIsTheDifferenceOfTwoScrapesOfTheClassesAdmittedRequests() {
        GatewayFigures before = GatewayFigures.parse(scrape(10, 10, 10, 1, 2, 5), "realtime");
        GatewayFigures after = GatewayFigures.parse(scrape(60, 90, 110, 4, 7, 500), "realtime");

        GatewayFigures phase = after.since(before);

        assertThat(phase.count()).isEqualTo(100);
        assertThat(phase.late()).isEqualTo(3);
        assertThat(phase.shed()).isEqualTo(Map.of("deadline-unmeetable", 5.0));
        assertThat(phase.heapBytes()).isEqualTo(3 * 1048576.0);
        // 50 of 100 at or under 100 ms: the median is the bucket's bound; the 75th lies 25/30 into (0.1, 0.2]
        assertThat(phase.quantileMs(0.5)).isCloseTo(100, within(1e-9));
        assertThat(phase.quantileMs(0.75)).isCloseTo(100 + 100 * 25 / 30.0, within(1e-9));
        // past the last finite bound: that bound, as histogram_quantile gives
        assertThat(phase.quantileMs(0.99)).isCloseTo(200, within(1e-9));
    }

    @Test
    void anEmptyPhaseHasNoQuantile() {
        GatewayFigures same = GatewayFigures.parse(scrape(10, 10, 10, 1, 2, 5), "realtime");

        assertThat(same.since(same).quantileMs(0.99)).isNaN();
    }
}
