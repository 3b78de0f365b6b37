package dev.shunt.gateway.replicas.kubernetes;

import dev.shunt.gateway.config.KubernetesReplicasConfig;
import java.time.Duration;

/** A {@code replicas.kubernetes} block with short timings, for tests against {@link MockApiServer}. */
final class TestConfigs {

    private TestConfigs() {}

    /** Lease 2 s, renew deadline 1.5 s, retry 200 ms, state poll 50 ms, in namespace shunt. */
    static KubernetesReplicasConfig fast() {
        return new KubernetesReplicasConfig("shunt", KubernetesReplicasConfig.DEFAULT_LEASE,
                KubernetesReplicasConfig.DEFAULT_CONFIG_MAP, KubernetesReplicasConfig.DEFAULT_IDENTITY_ENV,
                "shunt-gateway-peers.shunt.svc.cluster.local", 8080, Duration.ofSeconds(2), Duration.ofMillis(1500),
                Duration.ofMillis(200), Duration.ofMillis(50));
    }
}
