package dev.shunt.gateway.replicas.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shunt.gateway.config.KubernetesReplicasConfig;
import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.replicas.ReplicatedState;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The three parts built from {@code replicas.kubernetes} on one client, and what closing them leaves behind. */
class KubernetesReplicasWithMockApiServerTest {

    static final PeerAddress SELF = new PeerAddress("10.0.0.1", 8080);
    static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void aLoneReplicaLeadsPublishesAndGivesTheLeaseUpOnClose() throws Exception {
        KubernetesReplicasConfig config = TestConfigs.fast();
        try (MockApiServer api = new MockApiServer()) {
            List<ReplicatedState> received = new CopyOnWriteArrayList<>();
            // the peers' name is answered here: no lookup leaves the machine
            try (KubernetesReplicas replicas = new KubernetesReplicas(KubernetesReplicas.client(api.clientConfig()),
                    config, SELF, name -> List.of("10.0.0.2", "10.0.0.1"))) {
                replicas.leadership().start();
                replicas.state().start(received::add);
                replicas.peers().start();
                await().atMost(BOUND).until(() -> replicas.leadership().leads());
                await().atMost(BOUND).until(() -> replicas.peers().peers()
                        .equals(List.of(SELF, new PeerAddress("10.0.0.2", config.peerPort()))));
                ReplicatedState v1 = ReplicatedState.EMPTY.next(SELF.toString(), java.time.Instant.EPOCH, List.of());
                replicas.state().publish(v1).toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
                await().atMost(BOUND).until(() -> received.equals(List.of(v1)));
            }
            Lease lease = api.client().leases().inNamespace(config.namespace()).withName(config.lease()).get();
            assertThat(lease.getSpec().getHolderIdentity()).as("the Lease's holder after close").isEmpty();
        }
    }
}
