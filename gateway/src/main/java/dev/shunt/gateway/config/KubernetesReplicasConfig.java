package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The gateway replicas of one Kubernetes Deployment ({@code replicas.kubernetes:}): a {@code Lease}
 * elects the leader, a {@code ConfigMap} carries the state it publishes, and the replicas are the
 * addresses behind a headless Service's DNS name. Read only at start.
 *
 * @param namespace the namespace of the Lease and the ConfigMap (by default the pod's own)
 * @param lease the Lease's name
 * @param configMap the ConfigMap's name
 * @param identityEnv the environment variable holding this pod's IP; the replica's identity is that
 *     IP with its admin API's port ({@code admin.listener}'s when set, else the listener's)
 * @param peers the headless Service's DNS name, fully qualified (no search domain is added)
 * @param peerPort the port every peer's admin API is reached on (by default {@code admin.listener}'s port
 *     when set, else the listener's)
 * @param leaseDuration how long a Lease holds after its last renewal; > {@code renewDeadline}
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leading; > {@code retryPeriod}
 * @param retryPeriod how often the Lease is tried or renewed; > 0
 * @param statePoll how often the ConfigMap is read for a newer state; > 0
 */
public record KubernetesReplicasConfig(String namespace, String lease, String configMap, String identityEnv,
        String peers, int peerPort, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
        Duration statePoll) {

    /** The Lease's name unless set. */
    public static final String DEFAULT_LEASE = "shunt-gateway-leader";
    /** The ConfigMap's name unless set. */
    public static final String DEFAULT_CONFIG_MAP = "shunt-gateway-state";
    /** The environment variable with the pod's IP unless set (the Downward API's {@code status.podIP}). */
    public static final String DEFAULT_IDENTITY_ENV = "POD_IP";
    /** How long a Lease holds unless set: 15 s. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    /** How long a leader tries to renew unless set: 10 s. */
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    /** How often the Lease is tried unless set: 2 s. */
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);
    /** How often the ConfigMap is read unless set: 500 ms. */
    public static final Duration DEFAULT_STATE_POLL = Duration.ofMillis(500);

    /** An RFC 1123 label: a namespace's name. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** An RFC 1123 subdomain: the name of a Lease or a ConfigMap. */
    private static final Pattern SUBDOMAIN = Pattern.compile("(?=.{1,253}$)" + LABEL + "(\\." + LABEL + ")*");
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public KubernetesReplicasConfig {
        matching("namespace", namespace, LABEL, "a namespace: lowercase letters, digits and '-', at most 63");
        matching("lease", lease, SUBDOMAIN, "a Kubernetes name: lowercase letters, digits, '-' and '.', at most 253");
        matching("configMap", configMap, SUBDOMAIN,
                "a Kubernetes name: lowercase letters, digits, '-' and '.', at most 253");
        matching("identityEnv", identityEnv, ENV, "an environment variable's name");
        Checks.notBlank("peers", peers);
        if (peers.chars().anyMatch(Character::isWhitespace) || peers.contains(":")) {
            throw new IllegalArgumentException("peers: \"" + peers
                    + "\" (expected: the headless Service's DNS name, without a port)");
        }
        Checks.between("peerPort", peerPort, 1, 65535);
        Checks.positive("leaseDuration", leaseDuration);
        Checks.positive("renewDeadline", renewDeadline);
        Checks.positive("retryPeriod", retryPeriod);
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leaseDuration: " + leaseDuration + " (expected: > renewDeadline, "
                    + renewDeadline + ")");
        }
        if (renewDeadline.compareTo(retryPeriod) <= 0) {
            throw new IllegalArgumentException("renewDeadline: " + renewDeadline + " (expected: > retryPeriod, "
                    + retryPeriod + ")");
        }
        Checks.positive("statePoll", statePoll);
    }

    /**
     * This replica's address: the IP in {@link #identityEnv} with the port of its admin API.
     *
     * @param env looks an environment variable up ({@code System::getenv}); null when unset
     * @throws IllegalStateException when the variable is unset or not a host
     */
    public PeerAddress self(Function<String, String> env, int adminPort) {
        requireNonNull(env, "env");
        String ip = env.apply(identityEnv);
        if (ip == null || ip.isBlank() || ip.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalStateException("replicas.kubernetes.identityEnv: " + identityEnv + " is "
                    + (ip == null ? "not set" : "\"" + ip + "\"")
                    + " (expected: this pod's IP, e.g. from the Downward API's status.podIP)");
        }
        return new PeerAddress(ip, adminPort);
    }

    private static void matching(String field, String value, Pattern pattern, String expected) {
        Checks.notBlank(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": \"" + value + "\" (expected: " + expected + ")");
        }
    }
}
