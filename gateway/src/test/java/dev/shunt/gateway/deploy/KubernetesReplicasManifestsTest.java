package dev.shunt.gateway.deploy;

import static dev.shunt.gateway.deploy.RenderedManifests.containerPort;
import static dev.shunt.gateway.deploy.RenderedManifests.env;
import static dev.shunt.gateway.deploy.RenderedManifests.name;
import static dev.shunt.gateway.deploy.RenderedManifests.namespace;
import static dev.shunt.gateway.deploy.RenderedManifests.onlyContainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shunt.gateway.config.KubernetesReplicasConfig;
import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.replicas.ReplicatedState;
import dev.shunt.gateway.replicas.kubernetes.ConfigMapStateChannel;
import dev.shunt.gateway.replicas.kubernetes.LeaseLeadership;
import dev.shunt.gateway.replicas.kubernetes.MockApiServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds {@code deploy/k8s} to what the gateway's Kubernetes replicas do: the Role grants exactly the
 * permissions their requests to an (in-process) API server needed, on the Lease and ConfigMap named by
 * {@link KubernetesReplicasConfig}'s defaults, to the ServiceAccount the gateway's pods run as; the pods
 * know their IP; the headless peers Service lists every gateway pod on the listener's port.
 */
class KubernetesReplicasManifestsTest {

    private static final String ROLE = "shunt-gateway-replicas";
    private static final String PEERS = "shunt-gateway-peers";
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static Set<ApiPermissions.Permission> used;

    /** Election, hand-over, two publications and polling by two replicas, as the API server saw them. */
    static synchronized Set<ApiPermissions.Permission> used() throws Exception {
        if (used != null) {
            return used;
        }
        KubernetesReplicasConfig config = new KubernetesReplicasConfig("shunt", KubernetesReplicasConfig.DEFAULT_LEASE,
                KubernetesReplicasConfig.DEFAULT_CONFIG_MAP, KubernetesReplicasConfig.DEFAULT_IDENTITY_ENV,
                PEERS + ".shunt.svc.cluster.local", 8000, Duration.ofSeconds(2), Duration.ofMillis(1500),
                Duration.ofMillis(200), Duration.ofMillis(50));
        PeerAddress a = new PeerAddress("10.0.0.1", 8000);
        PeerAddress b = new PeerAddress("10.0.0.2", 8000);
        List<RecordedRequest> requests;
        try (MockApiServer api = new MockApiServer();
                LeaseLeadership first = new LeaseLeadership(api.client(), config, a);
                LeaseLeadership second = new LeaseLeadership(api.client(), config, b);
                ConfigMapStateChannel leader = new ConfigMapStateChannel(api.client(), config);
                ConfigMapStateChannel follower = new ConfigMapStateChannel(api.client(), config)) {
            first.start();
            await().atMost(BOUND).until(first::leads);
            second.start();
            await().atMost(BOUND).until(() -> second.leader().equals(Optional.of(a)));
            List<ReplicatedState> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            follower.start(received::add);
            ReplicatedState v1 = ReplicatedState.EMPTY.next(a.toString(), Instant.EPOCH, List.of());
            leader.publish(v1).toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
            leader.publish(v1.next(a.toString(), Instant.EPOCH, List.of())).toCompletableFuture()
                    .get(BOUND.toSeconds(), TimeUnit.SECONDS);
            await().atMost(BOUND).until(() -> received.size() == 2 || received.size() == 1
                    && received.get(0).version() == 2);
            first.close();
            await().atMost(BOUND).until(second::leads);
            requests = api.takeRequests();
        }
        Set<ApiPermissions.Permission> needed = new TreeSet<>();
        requests.forEach(r -> needed.add(ApiPermissions.needed(r)));
        used = needed;
        return used;
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theRoleGrantsExactlyWhatTheReplicasUse(String overlay) throws Exception {
        RenderedManifests r = KubernetesManifestsTest.rendered(overlay);
        JsonNode role = r.get("Role", ROLE);
        assertThat(namespace(role)).isEqualTo("shunt");
        assertThat(ApiPermissions.granted(role)).containsExactlyElementsOf(used());
        assertThat(used()).extracting(ApiPermissions.Permission::name).contains(KubernetesReplicasConfig.DEFAULT_LEASE,
                KubernetesReplicasConfig.DEFAULT_CONFIG_MAP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theGatewayPodsRunAsTheServiceAccountTheRoleIsBoundTo(String overlay) throws Exception {
        RenderedManifests r = KubernetesManifestsTest.rendered(overlay);
        String account = KubernetesManifestsTest.gateway(r).at("/spec/template/spec/serviceAccountName").asText();
        assertThat(account).as("the gateway's serviceAccountName").isNotEmpty();
        assertThat(namespace(r.get("ServiceAccount", account))).isEqualTo("shunt");
        assertThat(KubernetesManifestsTest.gateway(r).at("/spec/template/spec/automountServiceAccountToken").asBoolean(true))
                .as("the token the client authenticates with is mounted").isTrue();
        JsonNode binding = r.all("RoleBinding").stream().filter(b -> ROLE.equals(b.at("/roleRef/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no RoleBinding of Role " + ROLE));
        assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
        assertThat(binding.at("/roleRef/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(namespace(binding)).isEqualTo("shunt");
        assertThat(binding.path("subjects")).anySatisfy(s -> {
            assertThat(s.path("kind").asText()).isEqualTo("ServiceAccount");
            assertThat(s.path("name").asText()).isEqualTo(account);
            assertThat(s.path("namespace").asText("shunt")).isEqualTo("shunt");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void eachPodKnowsItsIpAsTheIdentityEnv(String overlay) throws Exception {
        RenderedManifests r = KubernetesManifestsTest.rendered(overlay);
        JsonNode ip = env(onlyContainer(KubernetesManifestsTest.gateway(r)), KubernetesReplicasConfig.DEFAULT_IDENTITY_ENV);
        assertThat(ip).as("env %s", KubernetesReplicasConfig.DEFAULT_IDENTITY_ENV).isNotNull();
        assertThat(ip.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("status.podIP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theHeadlessPeersServiceListsEveryGatewayPodOnTheListenerPort(String overlay) throws Exception {
        RenderedManifests r = KubernetesManifestsTest.rendered(overlay);
        JsonNode service = r.get("Service", PEERS);
        assertThat(service.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(service.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
        JsonNode gateway = KubernetesManifestsTest.gateway(r);
        assertThat(r.deploymentsSelectedBy(service.at("/spec/selector"))).containsExactly(gateway);
        int listener = KubernetesManifestsTest.config(r).listener().port();
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(listener);
        assertThat(containerPort(onlyContainer(gateway), service.at("/spec/ports/0/targetPort"))).isEqualTo(listener);
        assertThat(name(service) + "." + namespace(service) + ".svc.cluster.local").as("the peers name in shunt.yaml")
                .isEqualTo(peersInShuntYaml(r));
    }

    /** {@code replicas.kubernetes.peers} of the ConfigMap's shunt.yaml, or of its commented example. */
    private static String peersInShuntYaml(RenderedManifests r) throws Exception {
        String text = r.get("ConfigMap", "shunt-gateway-config").at("/data/shunt.yaml").asText();
        JsonNode yaml = RenderedManifests.YAML.readTree(text);
        if (!yaml.has("replicas")) {
            StringBuilder example = new StringBuilder();
            boolean in = false;
            for (String line : text.split("\n")) {
                in = in ? line.startsWith("#") : line.equals("# replicas:");
                if (in) {
                    example.append(line.length() > 2 ? line.substring(2) : "").append('\n');
                }
            }
            yaml = RenderedManifests.YAML.readTree(example.toString());
        }
        return yaml.at("/replicas/kubernetes/peers").asText();
    }
}
