package dev.shunt.gateway.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shunt.gateway.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Three replicas' windows merged by the leader give the report one replica seeing all traffic would. */
class ShadowWindowMergeTest {

    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock();
    final ShadowCriteria criteria = new ShadowCriteria(30, 0.9, 1.5, 0.1, Duration.ofMinutes(1));

    @Test
    void mergedWindowsGiveTheReportOfAllTrafficSeenInOnePlace() throws Exception {
        ShadowReport all = new ShadowReport(criteria, clock);
        ShadowReport[] replicas = {new ShadowReport(criteria, clock), new ShadowReport(criteria, clock),
                new ShadowReport(criteria, clock)};
        for (int i = 0; i < 60; i++) {
            Comparison c = switch (i % 6) {
                case 0 -> Comparisons.numericOff(0.5);
                case 1 -> Comparisons.shadowError();
                case 2 -> Comparisons.classification(i % 4 == 0);
                default -> Comparisons.agreeing(1000 + i * 10L, 1500 + i * 20L);
            };
            all.record("chat", "r" + i, c);
            replicas[i % 3].record("chat", "r" + i, c);
        }
        List<ShadowWindow> fromPeers = List.of(travel(replicas[1].window("chat")), travel(replicas[2].window("chat")));

        Snapshot merged = replicas[0].snapshot("chat", fromPeers);
        Snapshot expected = all.snapshot("chat");
        assertThat(merged).usingRecursiveComparison().ignoringFields("recentMismatches").isEqualTo(expected);
        assertThat(merged.samples()).isEqualTo(60);
        assertThat(replicas[0].snapshot("chat").samples()).as("alone it saw a third").isEqualTo(20);
        assertThat(replicas[0].snapshot("chat").verdict()).as("too few samples alone").isEqualTo(Verdict.NOT_READY);
        assertThat(merged.recentMismatches()).hasSize(10);
    }

    @Test
    void aWindowThatDoesNotAddUpIsRefused() throws Exception {
        ShadowReport r = new ShadowReport(criteria, clock);
        r.record("chat", "r1", Comparisons.agreeing());
        JsonNode node = JSON.valueToTree(r.window("chat").toJson());
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("agreements", 5);
        assertThatThrownBy(() -> ShadowWindow.fromJson(node)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadow window: a count above samples (1)");
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("agreements", 1).put("shadowLatencyMicros", "!!");
        assertThatThrownBy(() -> ShadowWindow.fromJson(node)).hasMessage("shadow window: shadowLatencyMicros: not an encoded histogram");
        assertThatThrownBy(() -> ShadowWindow.fromJson(JSON.readTree("{\"samples\": -1}")))
                .hasMessage("shadow window: samples: expected a count >= 0");
    }

    private static ShadowWindow travel(ShadowWindow w) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> asSent = w.toJson();
        return ShadowWindow.fromJson(JSON.readTree(JSON.writeValueAsBytes(asSent)));
    }
}
