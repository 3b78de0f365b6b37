package dev.shunt.gateway.replicas.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shunt.gateway.config.KubernetesReplicasConfig;
import dev.shunt.gateway.cutover.CutoverPlan;
import dev.shunt.gateway.cutover.CutoverRecord;
import dev.shunt.gateway.cutover.CutoverState;
import dev.shunt.gateway.cutover.CutoverTransition;
import dev.shunt.gateway.replicas.ReplicatedState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The replicated state published to a ConfigMap and read back by another replica, on an in-process API server. */
class ConfigMapStateChannelWithMockApiServerTest {

    static final String LEADER_1 = "10.0.0.1:8080";
    static final String LEADER_2 = "10.0.0.2:8080";
    static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    static final Duration BOUND = Duration.ofSeconds(10);

    final MockApiServer api = new MockApiServer();
    final KubernetesReplicasConfig config = TestConfigs.fast();
    final ConfigMapStateChannel leader = new ConfigMapStateChannel(api.client(), config);
    final ConfigMapStateChannel follower = new ConfigMapStateChannel(api.client(), config);
    final List<ReplicatedState> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        leader.close();
        follower.close();
        api.close();
    }

    static ReplicatedState state(long version, String by) {
        CutoverPlan plan = CutoverPlan.ofDefaults("classify", "cpu-next");
        CutoverRecord record = new CutoverRecord(plan, "g-" + version, CutoverState.RUNNING, 1, T, "", T,
                List.of(new CutoverTransition(T, "started: step 1% to cpu-next")));
        return new ReplicatedState(version, by, T.plusSeconds(version), List.of(record));
    }

    static void published(CompletionStage<Void> publication) throws Exception {
        publication.toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    static Throwable refused(CompletionStage<Void> publication) throws Exception {
        try {
            publication.toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("published, though expected to be refused");
    }

    ConfigMap stored() {
        return api.client().configMaps().inNamespace("shunt").withName(config.configMap()).get();
    }

    @Test
    void eachNewerDocumentReachesAnotherReplicaOnce() throws Exception {
        follower.start(received::add);
        ReplicatedState v1 = state(1, LEADER_1);
        published(leader.publish(v1));
        await().atMost(BOUND).until(() -> received.equals(List.of(v1)));
        assertThat(stored().getData()).containsEntry(ConfigMapStateChannel.VERSION_KEY, "1");
        ReplicatedState v2 = state(2, LEADER_2);
        published(new ConfigMapStateChannel(api.client(), config).publish(v2)); // a later leader, its own channel
        await().atMost(BOUND).until(() -> received.equals(List.of(v1, v2)));
        assertThat(stored().getData()).containsEntry(ConfigMapStateChannel.VERSION_KEY, "2");
    }

    @Test
    void aStalePublicationFailsAndChangesNothing() throws Exception {
        ReplicatedState v2 = state(2, LEADER_1);
        published(leader.publish(v2));
        ConfigMap before = stored();
        assertThat(refused(leader.publish(state(1, LEADER_1)))).isInstanceOf(IllegalStateException.class)
                .hasMessage("replicas: version 1 from 10.0.0.1:8080 not published: ConfigMap shunt/shunt-gateway-state "
                        + "holds version 2 from 10.0.0.1:8080, which supersedes it");
        // the same version from a replica with a higher address, which also believed it led
        assertThat(refused(leader.publish(state(2, LEADER_2)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds version 2 from 10.0.0.1:8080, which supersedes it");
        assertThat(stored().getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(stored().getData()).isEqualTo(before.getData());
        follower.start(received::add);
        await().atMost(BOUND).until(() -> received.equals(List.of(v2)));
    }

    @Test
    void aMalformedDocumentIsSkippedAndALaterValidOneDelivered() throws Exception {
        api.client().configMaps().inNamespace("shunt").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(config.configMap()).endMetadata()
                .withData(Map.of(ConfigMapStateChannel.STATE_KEY, "{\"version\": 9, \"leader\": ", "version", "9"))
                .build()).create();
        api.takeRequests();
        follower.start(received::add);
        await().atMost(BOUND).until(() -> api.takeRequests().stream().anyMatch(r -> r.getMethod().equals("GET")
                && r.getPath().endsWith("/configmaps/" + config.configMap())));
        ReplicatedState v3 = state(3, LEADER_1);
        published(leader.publish(v3)); // a malformed document does not stop the leader
        await().atMost(BOUND).until(() -> !received.isEmpty());
        assertThat(received).containsExactly(v3);
    }

    @Test
    void racingPublicationsNeverLetALowerVersionOverwriteAHigherOne() throws Exception {
        ConfigMapStateChannel other = new ConfigMapStateChannel(api.client(), config);
        try {
            for (long round = 1; round <= 20; round++) {
                CompletionStage<Void> lower = leader.publish(state(2 * round, LEADER_1));
                CompletionStage<Void> higher = other.publish(state(2 * round + 1, LEADER_2));
                published(higher);
                try {
                    published(lower);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("which supersedes it");
                }
                assertThat(stored().getData()).containsEntry(ConfigMapStateChannel.VERSION_KEY,
                        Long.toString(2 * round + 1));
            }
        } finally {
            other.close();
        }
    }

    @Test
    void aPublicationAfterCloseFails() throws Exception {
        leader.close();
        assertThat(refused(leader.publish(state(1, LEADER_1)))).isInstanceOf(IllegalStateException.class)
                .hasMessage("replicas: version 1 not published: the channel is closed");
    }
}
