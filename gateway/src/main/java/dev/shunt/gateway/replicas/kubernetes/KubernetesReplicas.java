package dev.shunt.gateway.replicas.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.KubernetesReplicasConfig;
import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.replicas.Leadership;
import dev.shunt.gateway.replicas.PeerDirectory;
import dev.shunt.gateway.replicas.StateChannel;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Duration;

/**
 * The replicas of a gateway on Kubernetes, built from {@code replicas.kubernetes}: a {@link LeaseLeadership},
 * a {@link ConfigMapStateChannel} and a {@link DnsPeerDirectory}, sharing one Kubernetes client (with the
 * JDK's HTTP client) that this owns and closes last.
 */
public final class KubernetesReplicas implements AutoCloseable {

    /** How often the peers' DNS name is looked up. */
    public static final Duration PEER_REFRESH = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final LeaseLeadership leadership;
    private final ConfigMapStateChannel state;
    private final DnsPeerDirectory peers;

    /** Takes {@code client} over: {@link #close()} closes it. */
    KubernetesReplicas(KubernetesClient client, KubernetesReplicasConfig config, PeerAddress self,
            DnsPeerDirectory.Resolver resolver) {
        this.client = requireNonNull(client, "client");
        requireNonNull(config, "config");
        this.leadership = new LeaseLeadership(client, config, self);
        this.state = new ConfigMapStateChannel(client, config);
        this.peers = new DnsPeerDirectory(config.peers(), config.peerPort(), self, PEER_REFRESH, resolver);
    }

    /**
     * In a pod: the client finds the API server and its service account token the usual way (in-cluster
     * config, or {@code KUBECONFIG} outside a cluster).
     */
    public static KubernetesReplicas open(KubernetesReplicasConfig config, PeerAddress self) {
        return open(config, self, Config.autoConfigure(null));
    }

    /** With the given client configuration (an API server reached otherwise). */
    public static KubernetesReplicas open(KubernetesReplicasConfig config, PeerAddress self, Config clientConfig) {
        return new KubernetesReplicas(client(clientConfig), config, self, DnsPeerDirectory.Resolver.system());
    }

    /** A client on the JDK's HTTP client (fabric8's default one would start a Vert.x of its own). */
    static KubernetesClient client(Config clientConfig) {
        return new KubernetesClientBuilder().withConfig(requireNonNull(clientConfig, "clientConfig"))
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    public Leadership leadership() {
        return leadership;
    }

    public StateChannel state() {
        return state;
    }

    public PeerDirectory peers() {
        return peers;
    }

    /** Gives the Lease up if held, stops polling and looking up, then closes the client. */
    @Override
    public void close() {
        try {
            leadership.close();
        } finally {
            state.close();
            peers.close();
            client.close();
        }
    }
}
