package dev.shunt.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shunt.routing.latency.CurveFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyCurveTest {

    final LatencyCurve curve = new LatencyCurve("gpu", "convnet", List.of(new LatencyCurve.Point(1, 2, 4),
            new LatencyCurve.Point(9, 10, 20), new LatencyCurve.Point(17, 12, 30)), "test");

    @Test
    void theShippedCurvesParseOneCurveEach() {
        for (String name : List.of("cpu-convnet.csv", "cpu-mlp.csv", "gpu-convnet.csv")) {
            LatencyCurve read = LatencyCurve.read(Path.of("curves", name), name);
            assertThat(read.source()).isEqualTo(name);
            assertThat(read.poolKind()).isEqualTo(name.substring(0, 3));
            assertThat(read.model()).isEqualTo(name.substring(4, name.length() - 4));
            assertThat(read.points()).first().extracting(LatencyCurve.Point::batchSize).isEqualTo(1L);
        }
    }

    @Test
    void aSecondCurveInTheFileIsRefusedWithItsLine() {
        List<CurveFile.Row> rows = CurveFile.parse("c.csv", List.of("# source: a test", CurveFile.HEADER,
                "cpu,convnet,1,1,2", "gpu,convnet,2,1,2"));

        assertThatThrownBy(() -> LatencyCurve.of("c.csv", rows))
                .hasMessage("c.csv:4: pool_kind,model: gpu,convnet (expected: cpu,convnet, one curve per file)");
        assertThat(LatencyCurve.of("c.csv", rows.subList(0, 1)).points()).containsExactly(new LatencyCurve.Point(1, 1, 2));
    }

    @Test
    void interpolatesLinearlyBetweenListedSizes() {
        assertThat(curve.p50Nanos(1)).isEqualTo(2e6);
        assertThat(curve.p50Nanos(5)).isCloseTo(6e6, within(1.0));
        assertThat(curve.p99Nanos(5)).isCloseTo(12e6, within(1.0));
        assertThat(curve.p50Nanos(13)).isCloseTo(11e6, within(1.0));
        assertThat(curve.p99Nanos(13)).isCloseTo(25e6, within(1.0));
    }

    @Test
    void holdsBelowTheFirstSizeAndExtendsTheLastSegmentBeyondTheLast() {
        LatencyCurve fromFour = new LatencyCurve("cpu", "convnet", List.of(new LatencyCurve.Point(4, 8, 9),
                new LatencyCurve.Point(8, 16, 18)), "test");
        assertThat(fromFour.p50Nanos(1)).isEqualTo(8e6);
        assertThat(curve.p50Nanos(25)).isCloseTo(14e6, within(1.0));
        assertThat(curve.p99Nanos(25)).isCloseTo(40e6, within(1.0));
    }

    @Test
    void samplesHaveTheCurvesMedianAndP99() {
        Random random = new Random(42);
        int n = 200_000;
        for (long rows : new long[] {1, 5, 13}) {
            double[] samples = new double[n];
            for (int i = 0; i < n; i++) {
                samples[i] = curve.sampleNanos(rows, random);
            }
            Arrays.sort(samples);
            assertThat(samples[n / 2]).as("p50 at %d rows", rows).isCloseTo(curve.p50Nanos(rows),
                    within(curve.p50Nanos(rows) * 0.01));
            assertThat(samples[(int) (n * 0.99)]).as("p99 at %d rows", rows).isCloseTo(curve.p99Nanos(rows),
                    within(curve.p99Nanos(rows) * 0.03));
            assertThat(Arrays.stream(samples).average().orElseThrow()).as("mean at %d rows", rows)
                    .isCloseTo(curve.meanNanos(rows), within(curve.meanNanos(rows) * 0.01));
        }
    }

    @Test
    void equalP50AndP99GiveAFixedTime() {
        LatencyCurve fixed = new LatencyCurve("cpu", "m", List.of(new LatencyCurve.Point(1, 5, 5)), "test");
        assertThat(fixed.sampleNanos(1, new Random(1))).isEqualTo(5_000_000L);
    }
}
