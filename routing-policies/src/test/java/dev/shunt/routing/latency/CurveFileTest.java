package dev.shunt.routing.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurveFileTest {

    static final String SOURCE = "# source: a test";

    static List<String> lines(String... rows) {
        return List.of(rows);
    }

    @Test
    void readsCommentsHeaderAndRowsInOrderWithTheirLines() {
        List<CurveFile.Row> rows = CurveFile.parse("gpu.csv", lines("# GPU, made up", SOURCE, "",
                "pool_kind, model, batch_size, p50_ms, p99_ms", "gpu,convnet,1,2.0,3.0", " gpu , convnet , 8 , 4 , 6 "));

        assertThat(rows).containsExactly(new CurveFile.Row(5, "gpu", "convnet", 1, 2.0, 3.0),
                new CurveFile.Row(6, "gpu", "convnet", 8, 4, 6));
    }

    @Test
    void severalCurvesInOneFileEachIncreasing() {
        List<CurveFile.Row> rows = CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER, "cpu,convnet,1,7,9",
                "cpu,convnet,8,40,50", "cpu,mlp,1,1,2", "cpu,mlp,8,3,4"));

        assertThat(rows).extracting(CurveFile.Row::model).containsExactly("convnet", "convnet", "mlp", "mlp");
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER, "cpu,convnet,1,7,9",
                "cpu,mlp,4,1,2", "cpu,mlp,2,1,2")))
                .hasMessage("c.csv:5: batch_size: 2 (expected: > 4, sizes in increasing order)");
    }

    @Test
    void aBadNumberNamesTheLineTheFieldAndWhatWasExpected() {
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER, "cpu,convnet,1,6.8,12",
                "cpu,convnet,two,9,10")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("c.csv:4: batch_size: \"two\" (expected: an integer >= 1)");
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER, "cpu,convnet,1,fast,12")))
                .hasMessage("c.csv:3: p50_ms: \"fast\" (expected: a number > 0)");
    }

    @Test
    void valuesOutOfRangeAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER, "cpu,convnet,1,6.8,5")))
                .hasMessage("c.csv:3: p99_ms: 5.0 (expected: a finite number >= p50_ms 6.8)");
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER, "cpu,convnet,0,1,2")))
                .hasMessage("c.csv:3: batch_size: 0 (expected: >= 1)");
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER, "cpu,convnet,1,-1,2")))
                .hasMessage("c.csv:3: p50_ms: -1.0 (expected: a finite number > 0)");
    }

    @Test
    void batchSizesMustIncrease() {
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER, "cpu,convnet,4,1,2",
                "cpu,convnet,4,2,3")))
                .hasMessage("c.csv:4: batch_size: 4 (expected: > 4, sizes in increasing order)");
    }

    @Test
    void theHeaderAndTheFieldCountAreChecked() {
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, "kind,model,rows,p50,p99")))
                .hasMessage("c.csv:2: \"kind,model,rows,p50,p99\" (expected: the header " + CurveFile.HEADER + ")");
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER, "cpu,convnet,1,2")))
                .hasMessage("c.csv:3: 4 fields (expected: 5, " + CurveFile.HEADER + ")");
    }

    @Test
    void aFileWithoutRowsOrWithoutItsSourceIsRefused() {
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines(SOURCE, CurveFile.HEADER)))
                .hasMessage("c.csv: no data rows (expected: the header " + CurveFile.HEADER + " and at least one row)");
        assertThatThrownBy(() -> CurveFile.parse("c.csv", lines("# made up", CurveFile.HEADER, "cpu,convnet,1,1,2")))
                .hasMessage("c.csv: no \"# source:\" comment (expected: a line saying where the figures come from)");
    }
}
