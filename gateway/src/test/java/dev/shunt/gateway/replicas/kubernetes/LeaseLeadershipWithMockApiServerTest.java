package dev.shunt.gateway.replicas.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shunt.gateway.config.KubernetesReplicasConfig;
import dev.shunt.gateway.config.PeerAddress;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two replicas electing a leader through one Lease on an in-process Kubernetes API server. */
class LeaseLeadershipWithMockApiServerTest {

    static final PeerAddress A = new PeerAddress("10.0.0.1", 8080);
    static final PeerAddress B = new PeerAddress("10.0.0.2", 8080);
    static final Duration BOUND = Duration.ofSeconds(10);

    final MockApiServer api = new MockApiServer();
    final KubernetesReplicasConfig config = TestConfigs.fast();
    final LeaseLeadership a = new LeaseLeadership(api.client(), config, A);
    final LeaseLeadership b = new LeaseLeadership(api.client(), config, B);

    @AfterEach
    void close() {
        a.close();
        b.close();
        api.close();
    }

    @Test
    void exactlyOneLeadsAndBothAgreeWho() {
        assertThat(a.leader()).isEmpty();
        a.start();
        b.start();
        await().atMost(BOUND).until(() -> a.leader().isPresent() && a.leader().equals(b.leader()));
        PeerAddress leader = a.leader().orElseThrow();
        assertThat(leader).isIn(A, B);
        assertThat(List.of(a.leads(), b.leads())).containsExactlyInAnyOrder(true, false);
        Lease lease = api.client().leases().inNamespace("shunt").withName("shunt-gateway-leader").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader.toString());
    }

    @Test
    void whenTheLeaderClosesItGivesTheLeaseUpAndTheOtherLeadsAtItsNextTry() {
        a.start();
        await().atMost(BOUND).until(a::leads);
        b.start();
        await().atMost(BOUND).until(() -> b.leader().equals(Optional.of(A)));
        long closed = System.nanoTime();
        a.close();
        assertThat(a.leader()).isEmpty();
        await().atMost(config.leaseDuration().plus(config.retryPeriod().multipliedBy(3))).until(b::leads);
        // without the release the other would wait out the lease duration (2 s) from the last renewal
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(config.leaseDuration().dividedBy(2));
    }

    @Test
    void aLeaderThatLostTheLeaseFollowsItsHolderAndLeadsAgainOnceItLapses() {
        PeerAddress other = new PeerAddress("10.0.0.9", 8080);
        a.start();
        await().atMost(BOUND).until(a::leads);
        // another holder takes the Lease over (as after a long pause of this replica) and then vanishes
        await().atMost(BOUND).ignoreExceptions().until(() -> api.client().leases().inNamespace("shunt")
                .withName(config.lease()).edit(l -> new LeaseBuilder(l).editSpec().withHolderIdentity(other.toString())
                        .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build()) != null);
        await().atMost(BOUND).until(() -> a.leader().equals(Optional.of(other)));
        assertThat(a.leads()).isFalse();
        await().atMost(config.leaseDuration().plus(BOUND)).until(a::leads);
    }
}
