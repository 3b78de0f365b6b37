package dev.shunt.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code replicas.kubernetes} into a {@link KubernetesReplicasConfig}. Without a
 * {@code namespace}, the pod's own is read from its service account's mount
 * ({@value #POD_NAMESPACE_FILE}).
 */
final class KubernetesReplicasReader {

    /** Where Kubernetes mounts the pod's namespace. */
    static final String POD_NAMESPACE_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    private KubernetesReplicasReader() {}

    /** Reads the block, with the pod's namespace from {@value #POD_NAMESPACE_FILE} when none is set. */
    static KubernetesReplicasConfig read(ConfigNode node, int adminPort) {
        return read(node, adminPort, Path.of(POD_NAMESPACE_FILE));
    }

    /** Reads the block, with the namespace from {@code namespaceFile} when none is set. */
    static KubernetesReplicasConfig read(ConfigNode node, int adminPort, Path namespaceFile) {
        node.allowOnly("namespace", "lease", "configMap", "identityEnv", "peers", "peerPort", "leaseDuration",
                "renewDeadline", "retryPeriod", "statePoll");
        if (node.isMissing()) {
            throw node.error("missing (expected a mapping with at least peers)");
        }
        String namespace = node.has("namespace") ? node.requiredString("namespace") : podNamespace(node, namespaceFile);
        String peers = node.requiredString("peers");
        return node.build(n -> new KubernetesReplicasConfig(namespace,
                n.string("lease", KubernetesReplicasConfig.DEFAULT_LEASE),
                n.string("configMap", KubernetesReplicasConfig.DEFAULT_CONFIG_MAP),
                n.string("identityEnv", KubernetesReplicasConfig.DEFAULT_IDENTITY_ENV), peers,
                n.integer("peerPort", adminPort),
                n.duration("leaseDuration", KubernetesReplicasConfig.DEFAULT_LEASE_DURATION),
                n.duration("renewDeadline", KubernetesReplicasConfig.DEFAULT_RENEW_DEADLINE),
                n.duration("retryPeriod", KubernetesReplicasConfig.DEFAULT_RETRY_PERIOD),
                n.duration("statePoll", KubernetesReplicasConfig.DEFAULT_STATE_POLL)));
    }

    private static String podNamespace(ConfigNode node, Path file) {
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (IOException e) {
            throw node.error("namespace", "missing, and " + file + " cannot be read (expected: a namespace, or a pod "
                    + "with a service account mounted)");
        }
        if (text.isEmpty()) {
            throw node.error("namespace", "missing, and " + file + " is empty (expected: a namespace, or a pod with a "
                    + "service account mounted)");
        }
        return text;
    }
}
