package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.loadtest.BinaryTensorsBenchmark.Round;
import dev.shunt.loadtest.BinaryTensorsBenchmark.Target;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryTensorsReportTest {

    static final ProcessCpu CPU = new ProcessCpu(1, 100);

    static Round round(long ok, double p99, double responseBytes, long gatewayTicks, long backendTicks) {
        return new Round(new LoadResult(ok, Map.of(), 10, p99 / 2, p99, p99, 32, responseBytes), gatewayTicks, backendTicks);
    }

    final List<Target> targets = List.of(
            new Target("json", "JSON", 1, Buffer.buffer(new byte[2000]), Map.of(), true),
            new Target("binary", "binary", 1, Buffer.buffer(new byte[1000]), Map.of(), true));
    final Map<String, List<Round>> rounds = new LinkedHashMap<>();

    BinaryTensorsReportTest() {
        // json: 100 and 200 answered in 10 s; binary: 150 and 200
        rounds.put("json", List.of(round(100, 400, 1750, 100, 500), round(200, 200, 1750, 200, 1000)));
        rounds.put("binary", List.of(round(150, 300, 786, 75, 600), round(200, 300, 786, 100, 1000)));
    }

    @Test
    void cpuPerRequestIsTicksOverAnsweredRequests() {
        assertThat(BinaryTensorsReport.perRequest(CPU, 75, rounds.get("binary").get(0).load())).isEqualTo(5.0);
        assertThat(BinaryTensorsReport.perRequest(CPU, 75, round(0, 1, 0, 75, 0).load())).isNaN();
    }

    @Test
    void tableHasMediansPerTargetAndBinaryOverJson() {
        String table = BinaryTensorsReport.table(targets, rounds, CPU, CPU);

        assertThat(table).contains("| json | JSON | 2000 | 1750 | 10.00 | 50.00 | 15.0 | 150.0 | 300.0 | 32.0 | 0 |")
                .contains("| binary | binary | 1000 | 786 | 5.00 | 45.00 | 17.5 | 150.0 | 300.0 | 32.0 | 0 |")
                .contains("| **binary / json** | ratio | **0.50x** | 0.45x | **0.50x** | 0.90x | **1.17x** | 1.00x | **1.00x** | | |");
    }

    @Test
    void pairedRatiosCompareEachRoundWithItsNeighbour() {
        String paired = BinaryTensorsReport.pairedRatios(targets, rounds, CPU, CPU);

        assertThat(paired).contains("- binary / json: req/s 1.50, 1.00 (median **1.25x**); p99 0.75, 1.50 (median **1.13x**); "
                + "gateway CPU/req 0.50, 0.50 (median **0.50x**); model server CPU/req 0.80, 1.00 (median **0.90x**)");
    }
}
