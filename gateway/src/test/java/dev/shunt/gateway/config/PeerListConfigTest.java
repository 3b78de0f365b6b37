package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code replicas:} block of {@code shunt.yaml}. */
class PeerListConfigTest {

    static final String BASE = """
            listener: {host: 127.0.0.1, port: 8000}
            pools:
              cpu: {backends: ["127.0.0.1:8001"]}
              gpu: {backends: ["127.0.0.1:8002"]}
            routes:
              - name: default
                policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}
            """;

    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());

    GatewayConfig parse(String replicas) {
        return loader.parse(BASE + replicas);
    }

    void refused(String replicas, String message) {
        assertThatThrownBy(() -> parse(replicas)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void aStaticPeerListIsRead() {
        ReplicasConfig r = parse("""
                replicas: {self: "127.0.0.1:8000", peers: ["127.0.0.1:8000", "127.0.0.1:8100", "127.0.0.1:8200"],
                           heartbeat: 500ms, timeout: 2s}
                """).replicas().orElseThrow();
        assertThat(r.self()).isEqualTo(new PeerAddress("127.0.0.1", 8000));
        assertThat(r.peers()).containsExactly(new PeerAddress("127.0.0.1", 8000), new PeerAddress("127.0.0.1", 8100),
                new PeerAddress("127.0.0.1", 8200));
        assertThat(r.heartbeat()).isEqualTo(Duration.ofMillis(500));
        assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theReadmeExampleLoads() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        int section = readme.indexOf("### Many replicas");
        assertThat(section).as("the README's Many replicas section").isPositive();
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        ReplicasConfig r = parse(example).replicas().orElseThrow();
        assertThat(r.self()).isEqualTo(new PeerAddress("127.0.0.1", 8000));
        assertThat(r.peers()).hasSize(3);
    }

    @Test
    void heartbeatAndTimeoutHaveDefaults() {
        ReplicasConfig r = parse("replicas: {self: \"h1:8000\", peers: [\"h1:8000\", \"h2:8000\"]}\n")
                .replicas().orElseThrow();
        assertThat(r.heartbeat()).isEqualTo(Duration.ofMillis(500));
        assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withoutTheBlockTheGatewayIsASingleReplicaAtItsListener() {
        GatewayConfig config = loader.parse(BASE);
        assertThat(config.replicas()).isEmpty();
        assertThat(config.replicasOrSingle().peers()).containsExactly(new PeerAddress("127.0.0.1", 8000));
        assertThat(config.replicasOrSingle().self()).isEqualTo(new PeerAddress("127.0.0.1", 8000));
    }

    @Test
    void selfMustBeOneOfThePeers() {
        refused("replicas: {self: \"127.0.0.1:9000\", peers: [\"127.0.0.1:8000\", \"127.0.0.1:8100\"]}\n",
                "replicas.self: \"127.0.0.1:9000\" (expected: one of peers: [127.0.0.1:8000, 127.0.0.1:8100])");
    }

    @Test
    void addressesMustBeHostColonPort() {
        refused("replicas: {self: \"127.0.0.1\", peers: [\"127.0.0.1:8000\"]}\n",
                "replicas.self: \"127.0.0.1\" (expected: host:port with a port of 1..65535)");
        refused("replicas: {self: \"127.0.0.1:8000\", peers: [\"127.0.0.1:8000\", \"127.0.0.1:http\"]}\n",
                "replicas.peers[1]: \"127.0.0.1:http\" (expected: host:port with a port of 1..65535)");
        refused("replicas: {self: \"127.0.0.1:8000\", peers: [\"127.0.0.1:8000\", \":8100\"]}\n",
                "replicas.peers[1]: \":8100\" (expected: host:port with a port of 1..65535)");
        refused("replicas: {self: \"127.0.0.1:8000\", peers: [\"127.0.0.1:70000\"]}\n",
                "replicas.peers[0]: \"127.0.0.1:70000\" (expected: host:port with a port of 1..65535)");
    }

    @Test
    void peersMustBeThereAndDistinct() {
        refused("replicas: {self: \"127.0.0.1:8000\"}\n",
                "replicas.peers: [] (expected: every replica's host:port, self included)");
        refused("replicas: {self: \"127.0.0.1:8000\", peers: [\"127.0.0.1:8000\", \"127.0.0.1:8000\"]}\n",
                "replicas.peers[1]: \"127.0.0.1:8000\" (expected: an address no other peer has; peers[0] has it)");
        refused("replicas: {peers: [\"127.0.0.1:8000\"]}\n", "replicas.self: missing (expected a non-empty string)");
    }

    @Test
    void durationsArePositiveAndTheTimeoutOutlastsTheHeartbeat() {
        String peers = "self: \"127.0.0.1:8000\", peers: [\"127.0.0.1:8000\"]";
        refused("replicas: {" + peers + ", heartbeat: 0s}\n", "replicas.heartbeat: PT0S (expected: a duration > 0)");
        refused("replicas: {" + peers + ", heartbeat: 1s, timeout: 0ms}\n",
                "replicas.timeout: PT0S (expected: a duration > 0)");
        refused("replicas: {" + peers + ", heartbeat: 1s, timeout: 1s}\n",
                "replicas.timeout: PT1S (expected: > heartbeat, PT1S)");
    }

    @Test
    void unknownFieldsAreRefused() {
        refused("replicas: {self: \"127.0.0.1:8000\", peers: [\"127.0.0.1:8000\"], lease: 5s}\n",
                "replicas.lease: unknown field (expected one of: heartbeat, peers, self, timeout)");
    }

    @Test
    void theRecordRefusesWhatTheFileWould() {
        PeerAddress a = new PeerAddress("h", 1);
        assertThatThrownBy(() -> new ReplicasConfig(a, List.of(), Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .hasMessageStartingWith("peers: []");
    }
}
