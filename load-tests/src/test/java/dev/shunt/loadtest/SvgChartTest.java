package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    static Figure latency() {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("p50", List.of(1.5, 2.0, Double.NaN));
        series.put("p99", List.of(4.0, 9.5, 3.0));
        return new Figure("x.svg", "Latency <by proxy>", "ms", List.of("direct", "shunt", "nginx"), series);
    }

    @Test
    void drawsOneBarPerValueWithItsFigureAndLabelsEscaped() {
        String svg = SvgChart.render(latency());

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<rect x=", -1)).as("5 bars (NaN is skipped) + 2 legend boxes").hasSize(1 + 5 + 2);
        assertThat(svg).contains("<title>shunt p99: 9.50 ms</title>", ">direct<", "Latency &lt;by proxy&gt;");
        assertThat(svg).as("axis up to a round number above the largest value").contains(">10.0<");
    }

    @Test
    void niceCeilingsAreRound() {
        assertThat(SvgChart.niceCeiling(9.5)).isEqualTo(10);
        assertThat(SvgChart.niceCeiling(11)).isEqualTo(20);
        assertThat(SvgChart.niceCeiling(2100)).isEqualTo(2500);
        assertThat(SvgChart.niceCeiling(0.3)).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aSeriesMustHaveAValuePerLabel() {
        assertThatThrownBy(() -> new Figure("x.svg", "t", "ms", List.of("a", "b"), Map.of("p50", List.of(1.0))))
                .hasMessage("series p50: 1 values for 2 labels");
    }

    @Test
    void theReportEmbedsEachSectionsCharts() {
        BenchOptions options = new BenchOptions();
        String report = ReportRunner.render(List.of(new Section("proxies", "## Proxies\n\n| a |\n", List.of(latency()))),
                options);

        assertThat(report).startsWith("# Shunt benchmark report").contains("## Proxies", "![Latency <by proxy>](x.svg)");
    }
}
