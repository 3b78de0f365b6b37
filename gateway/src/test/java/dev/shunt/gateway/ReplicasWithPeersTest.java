package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three gateways on loopback with one static peer list and one admin token: they agree on the
 * lowest live replica as leader, move on when it stops, and give it back when it returns.
 */
class ReplicasWithPeersTest {

    static final String TOKEN = "replica-token";
    static final Function<String, String> ENV = Map.of("SHUNT_TEST_TOKEN", TOKEN)::get;
    static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration MARGIN = Duration.ofSeconds(4);
    static final ObjectMapper JSON = new ObjectMapper();

    final int[] ports = FreePorts.ascending(3);
    final TestGateway[] gateways = new TestGateway[3];

    @AfterEach
    void stopAll() throws Exception {
        for (TestGateway g : gateways) {
            if (g != null) {
                g.close();
            }
        }
    }

    @Test
    void theLowestLiveReplicaLeadsAndLeadershipMovesWithIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            gateways[i] = TestGateway.startUnready(yaml(ports[i]), ENV);
        }
        String first = address(ports[0]);
        awaitLeader(first, 0, 1, 2);
        // the leader is settled as soon as the lowest is seen; the others' liveness follows within a heartbeat or two
        await().atMost(TIMEOUT.plus(MARGIN)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(replica(1).get("peers")).extracting(p -> p.get("address").asText() + "=" + p.get("live").asBoolean())
                        .containsExactly(first + "=true", address(ports[1]) + "=true", address(ports[2]) + "=true"));
        JsonNode view = replica(1);
        assertThat(view.get("self").asText()).isEqualTo(address(ports[1]));
        assertThat(view.get("peers").get(0).get("lastSeenMs").isNumber()).isTrue();
        assertThat(leaderGauge(0)).isEqualTo("1.0");
        assertThat(leaderGauge(1)).isEqualTo("0.0");
        assertThat(gateways[2].http.get("/admin/replica").statusCode()).as("behind the admin token").isEqualTo(401);

        gateways[0].close();
        gateways[0] = null;
        await().atMost(TIMEOUT.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertLeader(address(ports[1]), 1, 2));
        assertThat(replica(2).get("peers").get(0).get("live").asBoolean()).isFalse();
        assertThat(leaderGauge(1)).isEqualTo("1.0");

        gateways[0] = TestGateway.startUnready(yaml(ports[0]), ENV);
        awaitLeader(first, 0, 1, 2);
        assertThat(leaderGauge(1)).isEqualTo("0.0");
    }

    @Test
    void aReplicaCutOffFromTheMajorityKeepsItsLastStateAndSaysSo() throws Exception {
        for (int i = 0; i < 3; i++) {
            gateways[i] = TestGateway.startUnready(yaml(ports[i]), ENV);
        }
        awaitLeader(address(ports[0]), 0, 1, 2);
        var started = gateways[2].http.post("/admin/cutover",
                "{\"route\":\"default\",\"action\":\"start\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"));
        assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(200);
        assertThat(started.getHeader("X-Shunt-Answered-By")).as("a follower forwards to the leader").isEqualTo(address(ports[0]));
        await().atMost(TIMEOUT.plus(MARGIN)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(replica(2).get("state").get("version").asLong()).isEqualTo(replica(0).get("state").get("version").asLong())
                        .isPositive());
        long applied = replica(2).get("state").get("version").asLong();

        for (int i = 0; i < 2; i++) {
            gateways[i].close();
            gateways[i] = null;
        }
        await().atMost(TIMEOUT.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(replica(2).get("leader").isNull()).isTrue());
        assertThat(gateways[2].http.get("/v2/health/ready").bodyAsString()).contains(
                "\"replica\":\"no leader: 1 of 3 replicas live (a majority is 2); keeps the state applied at version " + applied + "\"");
        var cutover = gateways[2].http.get("/admin/cutover", AUTH);
        assertThat(cutover.statusCode()).isEqualTo(200);
        assertThat(cutover.getHeader("X-Shunt-Replica-Stale")).startsWith("no replica leads now");
        JsonNode view = JSON.readTree(cutover.bodyAsString()).get("cutovers").get(0);
        assertThat(view.get("state").asText()).as("the step it applied last holds").isEqualTo("RUNNING");
        assertThat(view.get("weightPercent").asDouble()).isEqualTo(50);
        var refused = gateways[2].http.post("/admin/cutover",
                "{\"route\":\"default\",\"action\":\"abort\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.bodyAsString()).contains("no replica leads now; cutover changes wait for a leader");
        assertThat(leaderGauge(2)).isEqualTo("0.0");
    }

    private void awaitLeader(String leader, int... replicas) {
        await().atMost(TIMEOUT.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertLeader(leader, replicas));
    }

    private void assertLeader(String leader, int... replicas) throws Exception {
        List<String> leaders = new ArrayList<>();
        for (int i : replicas) {
            leaders.add(replica(i).get("leader").asText());
        }
        assertThat(leaders).as("the leader each replica names").containsOnly(leader);
    }

    private JsonNode replica(int i) throws Exception {
        var response = gateways[i].http.get("/admin/replica", AUTH);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.bodyAsString());
    }

    private String leaderGauge(int i) {
        String self = address(ports[i]);
        return gateways[i].http.get("/metrics").bodyAsString().lines()
                .filter(l -> l.startsWith("shunt_replica_leader{replica=\"" + self + "\"}"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("absent");
    }

    private String yaml(int port) {
        String peers = Arrays.stream(ports).mapToObj(p -> "\"" + address(p) + "\"").collect(Collectors.joining(", "));
        return """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 1, drainGrace: 100ms, accessLog: false}
                pools:
                  cpu: {backends: ["127.0.0.1:1"]}
                  gpu: {backends: ["127.0.0.1:1"]}
                routes:
                  - name: default
                    policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}
                    cutover: {pool: gpu, steps: [50, 100], bake: 1h, maxErrorRate: 0.1, maxP99: 1s, minSamplesPerStep: 5}
                admin: {tokenEnv: SHUNT_TEST_TOKEN}
                replicas: {self: "%s", peers: [%s], heartbeat: 100ms, timeout: %dms}
                """.formatted(port, address(port), peers, TIMEOUT.toMillis());
    }

    private static String address(int port) {
        return "127.0.0.1:" + port;
    }
}
