package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shunt.gateway.replicas.ReplicatedState;
import dev.shunt.gateway.replicas.ReplicatedStateJson;
import dev.shunt.gateway.replicas.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway configured with {@code replicas.kubernetes} against an in-process Kubernetes API server
 * (fabric8's mock in CRUD mode): it takes the Lease, runs a cutover started through its admin API,
 * publishes the state in the ConfigMap, and gives the Lease up when it stops.
 */
class KubernetesReplicasWithGatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "k8s-token";
    static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);
    static final Map<String, String> PROPERTIES = Map.of("kubernetes.auth.tryKubeConfig", "false",
            "kubernetes.auth.tryServiceAccount", "false", "kubernetes.trust.certificates", "true");

    MockApiServer api;
    TestGateway gateway;

    @BeforeEach
    void startApi() {
        api = new MockApiServer();
        System.setProperty("kubernetes.master", api.clientConfig().getMasterUrl());
        PROPERTIES.forEach(System::setProperty);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        System.clearProperty("kubernetes.master");
        PROPERTIES.keySet().forEach(System::clearProperty);
        api.close();
    }

    @Test
    void theGatewayLeadsThroughTheLeaseAndPublishesItsCutoverInTheConfigMap() throws Exception {
        int port = FreePorts.one();
        String self = "127.0.0.1:" + port;
        gateway = TestGateway.startUnready("""
                listener: {host: 127.0.0.1, port: %d, eventLoops: 1, drainGrace: 100ms, accessLog: false}
                pools:
                  cpu: {backends: ["127.0.0.1:1"]}
                  gpu: {backends: ["127.0.0.1:1"]}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    cutover: {pool: gpu, steps: [50, 100], bake: 1h, maxErrorRate: 0.1, maxP99: 1s, minSamplesPerStep: 5}
                admin: {tokenEnv: SHUNT_TEST_TOKEN}
                replicas:
                  kubernetes:
                    namespace: shunt-test
                    peers: localhost
                    leaseDuration: 2s
                    renewDeadline: 1500ms
                    retryPeriod: 200ms
                    statePoll: 200ms
                """.formatted(port), Map.of("SHUNT_TEST_TOKEN", TOKEN, "POD_IP", "127.0.0.1")::get);

        await("the Lease is taken").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(replica().path("acting").asBoolean()).isTrue());
        assertThat(replica().path("leader").asText()).isEqualTo(self);
        Lease lease = api.client().leases().inNamespace("shunt-test").withName("shunt-gateway-leader").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(self);

        var started = gateway.http.post("/admin/cutover", "{\"route\":\"default\",\"action\":\"start\"}"
                .getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"));
        assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(200);
        ReplicatedState published = await("the state is in the ConfigMap").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(this::stored, s -> s != null && s.cutovers().size() == 1);
        assertThat(published.leader()).isEqualTo(self);
        assertThat(published.cutovers().get(0).route()).isEqualTo("default");
        assertThat(published.cutovers().get(0).stepIndex()).isZero();
        assertThat(replica().path("state").path("version").asLong()).isEqualTo(published.version());

        gateway.close();
        gateway = null;
        Lease after = api.client().leases().inNamespace("shunt-test").withName("shunt-gateway-leader").get();
        assertThat(after.getSpec().getHolderIdentity()).as("a drained gateway gives the Lease up").isEmpty();
    }

    private ReplicatedState stored() {
        ConfigMap map = api.client().configMaps().inNamespace("shunt-test").withName("shunt-gateway-state").get();
        if (map == null || map.getData() == null || !map.getData().containsKey("state.json")) {
            return null;
        }
        return new ReplicatedStateJson().read(map.getData().get("state.json").getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode replica() throws Exception {
        var response = gateway.http.get("/admin/replica", AUTH);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.bodyAsString());
    }

}
