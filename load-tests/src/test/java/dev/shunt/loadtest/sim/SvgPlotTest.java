package dev.shunt.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SvgPlotTest {

    @Test
    void drawsAPointPerValueALinePerSeriesAndALegendWithNamesEscaped() {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("slo", List.of(new double[] {0.3, 100}, new double[] {1.3, 31.7}));
        series.put("a<b", List.of(new double[] {0.3, 100}, new double[] {1.3, 74.2}));

        String svg = new SvgPlot("Attainment", "load", "%", series, true).render();

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<circle", -1)).hasSize(1 + 4);
        assertThat(svg.split("<path", -1)).hasSize(1 + 2);
        assertThat(svg).contains("<title>slo: 1.30, 31.7</title>", ">a&lt;b<").doesNotContain("a<b");
    }

    @Test
    void withoutLinesOnlyPoints() {
        String svg = new SvgPlot("Cost", "%", "$/h", Map.of("gpu-only", List.of(new double[] {99, 12.5})), false).render();

        assertThat(svg).contains("<circle").doesNotContain("<path");
    }
}
