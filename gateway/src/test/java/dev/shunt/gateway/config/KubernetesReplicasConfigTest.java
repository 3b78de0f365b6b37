package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code replicas.kubernetes:} block of {@code shunt.yaml}, as {@link KubernetesReplicasReader} reads it. */
class KubernetesReplicasConfigTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final int LISTENER_PORT = 8000;

    @TempDir
    Path dir;

    Path namespaceFile(String text) throws IOException {
        return Files.writeString(dir.resolve("namespace"), text);
    }

    KubernetesReplicasConfig read(String yaml, Path namespaceFile) throws IOException {
        return KubernetesReplicasReader.read(new ConfigNode("replicas.kubernetes", YAML.readTree(yaml)), LISTENER_PORT,
                namespaceFile);
    }

    KubernetesReplicasConfig read(String yaml) throws IOException {
        return read(yaml, dir.resolve("absent"));
    }

    void refused(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void everyFieldIsRead() throws IOException {
        KubernetesReplicasConfig k = read("""
                {namespace: edge, lease: gw-leader, configMap: gw-state, identityEnv: MY_IP,
                 peers: gw-peers.edge.svc.cluster.local, peerPort: 9000, leaseDuration: 30s, renewDeadline: 20s,
                 retryPeriod: 4s, statePoll: 1s}
                """);
        assertThat(k).isEqualTo(new KubernetesReplicasConfig("edge", "gw-leader", "gw-state", "MY_IP",
                "gw-peers.edge.svc.cluster.local", 9000, Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(4), Duration.ofSeconds(1)));
    }

    @Test
    void onlyThePeersAreRequiredInAPod() throws IOException {
        KubernetesReplicasConfig k = read("{peers: shunt-gateway-peers.shunt.svc.cluster.local}",
                namespaceFile("shunt\n"));
        assertThat(k.namespace()).isEqualTo("shunt");
        assertThat(k.lease()).isEqualTo("shunt-gateway-leader");
        assertThat(k.configMap()).isEqualTo("shunt-gateway-state");
        assertThat(k.identityEnv()).isEqualTo("POD_IP");
        assertThat(k.peerPort()).isEqualTo(LISTENER_PORT);
        assertThat(k.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(k.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(k.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(k.statePoll()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void withoutANamespaceOutsideAPodItIsRefused() throws IOException {
        Path absent = dir.resolve("absent");
        refused("{peers: p.shunt.svc.cluster.local}", "replicas.kubernetes.namespace: missing, and " + absent
                + " cannot be read (expected: a namespace, or a pod with a service account mounted)");
        Path empty = namespaceFile(" \n");
        assertThatThrownBy(() -> read("{peers: p.shunt.svc.cluster.local}", empty)).isInstanceOf(ConfigException.class)
                .hasMessage("replicas.kubernetes.namespace: missing, and " + empty
                        + " is empty (expected: a namespace, or a pod with a service account mounted)");
    }

    @Test
    void theDurationsNestLeaseOverRenewOverRetry() {
        String peers = "namespace: shunt, peers: p.shunt.svc.cluster.local";
        refused("{" + peers + ", retryPeriod: 0s}", "replicas.kubernetes.retryPeriod: PT0S (expected: a duration > 0)");
        refused("{" + peers + ", leaseDuration: 10s}",
                "replicas.kubernetes.leaseDuration: PT10S (expected: > renewDeadline, PT10S)");
        refused("{" + peers + ", renewDeadline: 2s}",
                "replicas.kubernetes.renewDeadline: PT2S (expected: > retryPeriod, PT2S)");
        refused("{" + peers + ", statePoll: 0ms}", "replicas.kubernetes.statePoll: PT0S (expected: a duration > 0)");
        assertThatThrownBy(() -> read("{" + peers + ", statePoll: 5}")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("replicas.kubernetes.statePoll: \"5\"");
    }

    @Test
    void namesAreKubernetesNames() {
        refused("{namespace: Shunt, peers: p.shunt.svc.cluster.local}", "replicas.kubernetes.namespace: \"Shunt\" "
                + "(expected: a namespace: lowercase letters, digits and '-', at most 63)");
        refused("{namespace: shunt, lease: gw_leader, peers: p.shunt.svc.cluster.local}",
                "replicas.kubernetes.lease: \"gw_leader\" (expected: a Kubernetes name: lowercase letters, digits, '-' "
                        + "and '.', at most 253)");
        refused("{namespace: shunt, configMap: \"-state\", peers: p.shunt.svc.cluster.local}",
                "replicas.kubernetes.configMap: \"-state\" (expected: a Kubernetes name: lowercase letters, digits, "
                        + "'-' and '.', at most 253)");
        refused("{namespace: shunt, identityEnv: POD-IP, peers: p.shunt.svc.cluster.local}",
                "replicas.kubernetes.identityEnv: \"POD-IP\" (expected: an environment variable's name)");
    }

    @Test
    void peersIsADnsNameAndThePortAPort() {
        refused("{namespace: shunt}", "replicas.kubernetes.peers: missing (expected a non-empty string)");
        refused("{namespace: shunt, peers: \"p.shunt.svc.cluster.local:8000\"}",
                "replicas.kubernetes.peers: \"p.shunt.svc.cluster.local:8000\" (expected: the headless Service's DNS "
                        + "name, without a port)");
        refused("{namespace: shunt, peers: p.shunt.svc.cluster.local, peerPort: 0}",
                "replicas.kubernetes.peerPort: 0 (expected: 1..65535)");
    }

    @Test
    void unknownFieldsAreRefused() {
        refused("{namespace: shunt, peers: p.shunt.svc.cluster.local, leaseName: x}",
                "replicas.kubernetes.leaseName: unknown field (expected one of: configMap, identityEnv, lease, "
                        + "leaseDuration, namespace, peerPort, peers, renewDeadline, retryPeriod, statePoll)");
        refused("kubernetes", "replicas.kubernetes: expected a mapping of namespace, lease, configMap, identityEnv, "
                + "peers, peerPort, leaseDuration, renewDeadline, retryPeriod, statePoll");
    }

    @Test
    void theIdentityIsThePodIpOnTheListenerPort() throws IOException {
        KubernetesReplicasConfig k = read("{namespace: shunt, peers: p.shunt.svc.cluster.local}");
        assertThat(k.self(Map.of("POD_IP", "10.0.0.7")::get, LISTENER_PORT))
                .isEqualTo(new PeerAddress("10.0.0.7", 8000));
        assertThatThrownBy(() -> k.self(Map.<String, String>of()::get, LISTENER_PORT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("replicas.kubernetes.identityEnv: POD_IP is not set (expected: this pod's IP, e.g. from "
                        + "the Downward API's status.podIP)");
    }
}
