package dev.shunt.gateway.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.gateway.cutover.CutoverPlan;
import dev.shunt.gateway.cutover.CutoverRecord;
import dev.shunt.gateway.cutover.CutoverState;
import dev.shunt.gateway.cutover.CutoverTransition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicatedStateJsonTest {

    private final ReplicatedStateJson json = new ReplicatedStateJson();

    static ReplicatedState sample() {
        CutoverPlan plan = CutoverPlan.ofDefaults("classify", "cpu-next").withBake(Duration.ofSeconds(5));
        Instant t = Instant.parse("2026-12-02T10:00:00Z");
        CutoverRecord running = new CutoverRecord(plan, "g-1", CutoverState.RUNNING, 2, t.plusSeconds(10), "", t.plusSeconds(10),
                List.of(new CutoverTransition(t, "started: step 1% to cpu-next"),
                        new CutoverTransition(t.plusSeconds(10), "advanced to step 25%")));
        return new ReplicatedState(7, "127.0.0.1:8081", t.plusSeconds(11), List.of(running));
    }

    @Test
    void aDocumentReadsBackEqual() {
        ReplicatedState state = sample();
        byte[] text = json.write(state);
        assertThat(new String(text, StandardCharsets.UTF_8)).contains("\"version\":7", "\"bake\":\"PT5S\"",
                "\"stepStartedAt\":\"2026-12-02T10:00:10Z\"");
        assertThat(json.read(text)).isEqualTo(state);
    }

    @Test
    void fieldsANewerReplicaAddsAreIgnored() {
        String text = new String(json.write(ReplicatedState.EMPTY), StandardCharsets.UTF_8)
                .replace("{\"version\"", "{\"addedLater\":1,\"version\"");
        assertThat(json.read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(ReplicatedState.EMPTY);
    }

    @Test
    void anInvalidDocumentIsRefusedWithTheReason() {
        String text = new String(json.write(sample()), StandardCharsets.UTF_8).replace("\"stepIndex\":2", "\"stepIndex\":9");
        assertThatThrownBy(() -> json.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepIndex: 9 (expected: -1..4)");
        assertThatThrownBy(() -> json.read("{\"version\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("replicated state: not a valid document");
        assertThatThrownBy(() -> json.read(new byte[ReplicatedStateJson.MAX_BYTES + 1]))
                .hasMessageContaining("expected: at most " + ReplicatedStateJson.MAX_BYTES);
    }

    @Test
    void aHigherVersionOrTheLowerLeaderAtTheSameVersionSupersedes() {
        ReplicatedState held = sample();
        assertThat(held.next("127.0.0.1:8083", Instant.EPOCH, List.of()).supersedes(held)).isTrue();
        assertThat(ReplicatedState.EMPTY.supersedes(held)).isFalse();
        ReplicatedState sameVersionLowerLeader = new ReplicatedState(7, "127.0.0.1:8080", Instant.EPOCH, List.of());
        assertThat(sameVersionLowerLeader.supersedes(held)).isTrue();
        assertThat(held.supersedes(sameVersionLowerLeader)).isFalse();
        assertThat(held.supersedes(held)).isFalse();
    }
}
