package dev.shunt.loadtest.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    static final String TEXT = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="PS Eden Space"} 1048576.0
            jvm_memory_used_bytes{area="heap",id="PS Old Gen"} 2097152.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
            jvm_memory_used_bytes_total{area="heap"} 9.0
            shunt_mirror_requests_total{outcome="timeout",route="default"} 7.0
            """;

    @Test
    void sumsTheSamplesOfOneMetricWhoseLabelsMatch() {
        assertThat(PrometheusText.sum(TEXT, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(3145728.0);
        assertThat(PrometheusText.sum(TEXT, "shunt_mirror_requests_total", "outcome=\"timeout\"")).isEqualTo(7.0);
        assertThat(PrometheusText.sum(TEXT, "shunt_mirror_requests_total", "outcome=\"error\"")).isZero();
    }
}
