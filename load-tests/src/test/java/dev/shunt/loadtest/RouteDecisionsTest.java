package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteDecisionsTest {

    @Test
    void sumsDecisionsPerReasonOverRoutesAndDescribesShares() {
        String page = """
                # HELP shunt_route_decisions_total
                # TYPE shunt_route_decisions_total counter
                shunt_route_decisions_total{reason="slo:cpu-cheapest",route="default",} 300.0
                shunt_route_decisions_total{reason="slo:gpu-only-in-time",route="default",} 100.0
                shunt_route_decisions_total{reason="slo:cpu-cheapest",route="other",} 100.0
                shunt_requests_total{route="default",} 5.0
                """;

        Map<String, Long> counts = RouteDecisions.parse(page);

        assertThat(counts).containsExactly(Map.entry("slo:cpu-cheapest", 400L), Map.entry("slo:gpu-only-in-time", 100L));
        assertThat(RouteDecisions.describe(counts)).isEqualTo("`slo:cpu-cheapest` 80.0%, `slo:gpu-only-in-time` 20.0% of 500");
        assertThat(RouteDecisions.describe(Map.of())).isEqualTo("none recorded");
    }
}
