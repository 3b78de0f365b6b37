package dev.shunt.gateway.replicas.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shunt.gateway.config.PeerAddress;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The peers behind a headless Service's name, with a resolver the test answers for. */
class DnsPeerDirectoryTest {

    static final String NAME = "shunt-gateway-peers.shunt.svc.cluster.local";
    static final PeerAddress SELF = new PeerAddress("10.0.0.2", 8000);
    static final Duration BOUND = Duration.ofSeconds(5);

    final AtomicReference<List<String>> answer = new AtomicReference<>(List.of());
    final AtomicInteger lookups = new AtomicInteger();

    DnsPeerDirectory directory(int port) {
        return new DnsPeerDirectory(NAME, port, SELF, Duration.ofMillis(20), name -> {
            assertThat(name).isEqualTo(NAME);
            lookups.incrementAndGet();
            List<String> hosts = answer.get();
            if (hosts == null) {
                throw new UnknownHostException(name);
            }
            return hosts;
        });
    }

    @Test
    void beforeAnyAnswerOnlyThisReplicaIsKnown() {
        try (DnsPeerDirectory peers = directory(8000)) {
            assertThat(peers.peers()).containsExactly(SELF);
        }
    }

    @Test
    void everyAddressOnThePeerPortInAddressOrderWithThisReplica() {
        answer.set(List.of("10.0.0.3", "10.0.0.1"));
        try (DnsPeerDirectory peers = directory(8000)) {
            peers.start();
            await().atMost(BOUND).until(() -> peers.peers().size() == 3);
            assertThat(peers.peers()).containsExactly(new PeerAddress("10.0.0.1", 8000), SELF,
                    new PeerAddress("10.0.0.3", 8000));
        }
    }

    @Test
    void thisReplicasOwnRecordIsItselfEvenOnAnotherPeerPort() {
        answer.set(List.of("10.0.0.2", "10.0.0.1"));
        try (DnsPeerDirectory peers = directory(9000)) {
            peers.start();
            await().atMost(BOUND).until(() -> peers.peers().size() == 2);
            assertThat(peers.peers()).containsExactly(new PeerAddress("10.0.0.1", 9000), SELF);
        }
    }

    @Test
    void aFailedLookupKeepsTheLastGoodAnswer() {
        answer.set(List.of("10.0.0.1"));
        try (DnsPeerDirectory peers = directory(8000)) {
            peers.start();
            await().atMost(BOUND).until(() -> peers.peers().size() == 2);
            answer.set(null);
            int before = lookups.get();
            await().atMost(BOUND).until(() -> lookups.get() >= before + 3);
            assertThat(peers.peers()).containsExactly(new PeerAddress("10.0.0.1", 8000), SELF);
            answer.set(List.of("10.0.0.1", "10.0.0.4"));
            await().atMost(BOUND).until(() -> peers.peers().size() == 3);
        }
    }

    @Test
    void theSystemResolverAnswersForTheLoopbackName() throws IOException {
        assertThat(DnsPeerDirectory.Resolver.system().addresses("localhost")).isNotEmpty();
    }
}
