package dev.shunt.gateway.replicas;

import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.KubernetesReplicasConfig;
import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.config.ReplicasConfig;
import dev.shunt.gateway.cutover.Cutovers;
import dev.shunt.gateway.replicas.kubernetes.KubernetesReplicas;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Builds the coordination the config asks for: a Kubernetes Lease, ConfigMap and headless Service
 * ({@code replicas.kubernetes}), or the static peer list (or this replica alone) polled over the
 * admin API.
 */
public final class ReplicaSetup {

    /** How long the other replicas' windows count on Kubernetes, where no heartbeat sets it. */
    static final Duration KUBERNETES_WINDOW_AGE = Duration.ofSeconds(3);

    private ReplicaSetup() {}

    /** This replica's address as its peers reach it: its admin API's ({@code admin.listener} when set). */
    public static PeerAddress self(GatewayConfig config, Function<String, String> env) {
        return config.kubernetesReplicas().map(k -> k.self(env, config.adminPort()))
                .orElseGet(() -> config.replicasOrSingle().self());
    }

    /** The timeout of calls between replicas. */
    public static Duration callTimeout(GatewayConfig config) {
        return config.kubernetesReplicas().isPresent() ? ReplicasConfig.DEFAULT_TIMEOUT : config.replicasOrSingle().timeout();
    }

    public static ReplicaCoordinator coordinator(Vertx vertx, GatewayConfig config, Clock clock, PeerClient client,
            Cutovers cutovers, Function<String, String> env) {
        if (config.kubernetesReplicas().isPresent()) {
            KubernetesReplicasConfig k = config.kubernetesReplicas().get();
            KubernetesReplicas kubernetes = KubernetesReplicas.open(k, self(config, env));
            return new ReplicaCoordinator(vertx, clock, kubernetes.leadership(), kubernetes.peers(), kubernetes.state(),
                    new WindowExchange(kubernetes.peers(), client, clock, KUBERNETES_WINDOW_AGE), cutovers, kubernetes);
        }
        ReplicasConfig replicas = config.replicasOrSingle();
        PeerPoller poller = new PeerPoller(vertx, replicas, clock, client);
        AtomicReference<ReplicaCoordinator> coordinator = new AtomicReference<>();
        PeerStateChannel channel = new PeerStateChannel(vertx, poller, client, () -> coordinator.get().held(),
                replicas.heartbeat());
        coordinator.set(new ReplicaCoordinator(vertx, clock, poller, poller, channel,
                new WindowExchange(poller, client, clock, replicas.timeout()), cutovers, () -> {
                    channel.close();
                    poller.close();
                }));
        return coordinator.get();
    }
}
