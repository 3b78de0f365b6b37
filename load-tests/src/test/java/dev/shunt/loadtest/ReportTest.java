package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    static LoadResult result(long ok, double seconds, double p99) {
        return new LoadResult(ok, Map.of(), seconds, p99 / 2, p99, p99 * 2, 1, 0);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Report.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Report.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThatThrownBy(() -> Report.median(List.<Double>of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tableShowsMediansAndRatiosToTheBaseline() {
        Map<String, List<LoadResult>> results = new LinkedHashMap<>();
        results.put("fast", List.of(result(300, 1, 10), result(200, 1, 30), result(250, 1, 20)));
        results.put("slow", List.of(result(100, 1, 40), result(100, 1, 40), result(125, 1, 40)));

        String table = Report.table(results, Map.of("fast", "tuned"), "slow");

        assertThat(table).contains("| fast | tuned | 250.0 | 10.00 | 20.00 | 1.00 | 0 | 2.50x | 0.50x |");
        assertThat(table).contains("| slow |  | 100.0 | 20.00 | 40.00 | 1.00 | 0 | 1.00x | 1.00x |");
        assertThatThrownBy(() -> Report.table(results, Map.of(), "none")).hasMessageContaining("baseline: none");
    }

    @Test
    void throughputCountsOnlySuccesses() {
        LoadResult r = new LoadResult(50, Map.of(503, 7L, 0, 3L), 2.0, 1, 2, 3, 0, 0);
        assertThat(r.throughput()).isEqualTo(25.0);
        assertThat(r.errors()).isEqualTo(10);
    }
}
