package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** {@code admin.listener}, {@code debug} and which headers a mirrored copy carries, as {@code shunt.yaml} sets them. */
class AdminSecurityConfigTest {

    static final String BASE = """
            listener: {host: 0.0.0.0, port: 8000}
            pools:
              cpu: {backends: ["127.0.0.1:8001"]}
              gpu: {backends: ["127.0.0.1:8002"]}
            routes:
              - name: default
                policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}
            """;

    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());

    GatewayConfig parse(String more) {
        return loader.parse(BASE + more);
    }

    void refused(String more, String message) {
        assertThatThrownBy(() -> parse(more)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void theAdminListenerIsOffUnlessSet() {
        GatewayConfig config = parse("admin: {tokenEnv: T}\n");
        assertThat(config.admin().listener()).isEmpty();
        assertThat(config.adminPort()).isEqualTo(8000);
        assertThat(config.debug().exposeBackendAddresses()).isFalse();
    }

    @Test
    void theAdminListenerIsReadWithLoopbackByDefault() {
        GatewayConfig config = parse("admin: {tokenEnv: T, listener: {port: 9000}}\n");
        assertThat(config.admin().listener()).contains(new AdminListenerConfig("127.0.0.1", 9000));
        assertThat(config.adminPort()).isEqualTo(9000);
        assertThat(config.replicasOrSingle().self()).as("a single replica is its admin API")
                .isEqualTo(new PeerAddress("127.0.0.1", 9000));
        assertThat(parse("admin: {listener: {host: 10.0.0.5, port: 9000}}\n").admin().listener())
                .contains(new AdminListenerConfig("10.0.0.5", 9000));
    }

    @Test
    void aBadAdminListenerIsNamed() {
        refused("admin: {listener: {host: 127.0.0.1}}\n",
                "admin.listener.port: missing (expected: the admin API's own port, 0..65535)");
        refused("admin: {listener: {port: 70000}}\n", "admin.listener.port: 70000 (expected: 0..65535)");
        refused("admin: {listener: {port: 9000, tls: true}}\n",
                "admin.listener.tls: unknown field (expected one of: host, port)");
    }

    @Test
    void replicasSelfMustBeTheAdminAPIsAddress() {
        refused("replicas: {self: \"10.0.0.1:9000\", peers: [\"10.0.0.1:9000\", \"10.0.0.2:9000\"]}\n",
                "replicas.self: \"10.0.0.1:9000\" (expected: this replica's admin API, on listener's port 8000:"
                        + " the replicas call each other's admin API there)");
        refused("admin: {listener: {host: 0.0.0.0, port: 9000}}\n"
                        + "replicas: {self: \"10.0.0.1:8000\", peers: [\"10.0.0.1:8000\", \"10.0.0.2:8000\"]}\n",
                "replicas.self: \"10.0.0.1:8000\" (expected: this replica's admin API, on admin.listener's port 9000:"
                        + " the replicas call each other's admin API there)");
        GatewayConfig ok = parse("admin: {listener: {host: 0.0.0.0, port: 9000}}\n"
                + "replicas: {self: \"10.0.0.1:9000\", peers: [\"10.0.0.1:9000\", \"10.0.0.2:9000\"]}\n");
        assertThat(ok.replicasOrSingle().self()).isEqualTo(new PeerAddress("10.0.0.1", 9000));
    }

    @Test
    void aLoopbackAdminListenerServesNoOtherHost() {
        refused("admin: {listener: {port: 9000}}\n"
                        + "replicas: {self: \"127.0.0.1:9000\", peers: [\"127.0.0.1:9000\", \"10.0.0.2:9000\"]}\n",
                "admin.listener.host: 127.0.0.1 (expected: an address the other replicas reach, since replicas.peers"
                        + " names 10.0.0.2:9000; loopback serves this host only)");
        assertThat(parse("admin: {listener: {port: 9000}}\n"
                + "replicas: {self: \"127.0.0.1:9000\", peers: [\"127.0.0.1:9000\", \"127.0.0.1:9100\"]}\n")
                .replicas()).isPresent();
    }

    @Test
    void onKubernetesThePeersAdminPortIsTheAdminListenersByDefault() {
        GatewayConfig config = parse("admin: {listener: {host: 0.0.0.0, port: 9000}}\n"
                + "replicas: {kubernetes: {namespace: shunt, peers: gw.shunt.svc.cluster.local}}\n");
        assertThat(config.kubernetesReplicas().orElseThrow().peerPort()).isEqualTo(9000);
    }

    @Test
    void debugExposesBackendAddressesOnlyWhenAsked() {
        assertThat(parse("debug: {exposeBackendAddresses: true}\n").debug().exposeBackendAddresses()).isTrue();
        refused("debug: {stackTraces: true}\n", "debug.stackTraces: unknown field (expected one of: exposeBackendAddresses)");
    }

    static String mirrored(String mirror) {
        return BASE.replace("policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}",
                "policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}\n    mirror: " + mirror);
    }

    MirrorConfig mirror(String mirror) {
        return loader.parse(mirrored(mirror)).routes().get(0).mirror().orElseThrow();
    }

    @Test
    void byDefaultCredentialLikeHeadersAreNotCopied() {
        MirrorConfig mirror = mirror("{pool: gpu}");
        for (String credential : new String[] {"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key",
                "Api-Key", "X-Auth-Token", "X-Amz-Security-Token", "X-Csrf-Token", "X-XSRF-TOKEN", "X-Session-Id",
                "X-Client-Secret", "X-Db-Password", "X-Goog-Api-Key", "X-MyApiKey", "X-Credential", "X-Amz-Signature",
                "x-refresh-token"}) {
            assertThat(mirror.copies(credential)).as(credential).isFalse();
        }
        for (String plain : new String[] {"Content-Type", "Content-Encoding", "X-Request-Id", "X-Latency-Class",
                "traceparent", "X-Tenant", "User-Agent", "Inference-Header-Content-Length"}) {
            assertThat(mirror.copies(plain)).as(plain).isTrue();
        }
    }

    @Test
    void stripHeadersAndPartsAddToTheDefaultsAndKeepHeadersCopiesEvenSo() {
        MirrorConfig mirror = mirror("{pool: gpu, stripHeaders: [X-Tenant], stripHeadersContaining: [internal],"
                + " keepHeaders: [Cookie, X-Session-Id]}");
        assertThat(mirror.copies("X-Tenant")).isFalse();
        assertThat(mirror.copies("X-Internal-Route")).isFalse();
        assertThat(mirror.copies("Authorization")).as("still a default").isFalse();
        assertThat(mirror.copies("cookie")).as("kept").isTrue();
        assertThat(mirror.copies("X-Session-Id")).as("kept, though its name says session").isTrue();
        assertThat(mirror.copies("X-Other")).isTrue();
    }

    @Test
    void copyHeadersCopiesOnlyThoseAndWhatTheCopyNeeds() {
        MirrorConfig mirror = mirror("{pool: gpu, copyHeaders: [X-Tenant, Authorization]}");
        assertThat(mirror.copies("x-tenant")).isTrue();
        assertThat(mirror.copies("Authorization")).as("named, so copied").isTrue();
        for (String needed : new String[] {"Content-Type", "Content-Encoding", "X-Request-Id", "X-Latency-Class",
                "Inference-Header-Content-Length"}) {
            assertThat(mirror.copies(needed)).as(needed).isTrue();
        }
        assertThat(mirror.copies("User-Agent")).isFalse();
        assertThat(mirror.copies("X-Api-Key")).isFalse();
    }

    @Test
    void badHeaderListsAreNamed() {
        assertThatThrownBy(() -> mirror("{pool: gpu, copyHeaders: [X-Tenant], keepHeaders: [Cookie]}"))
                .hasMessage("routes[0].mirror.copyHeaders: set with keepHeaders (expected: copyHeaders alone, which"
                        + " copies only the headers it names, or the others)");
        assertThatThrownBy(() -> mirror("{pool: gpu, stripHeaders: [\"X Bad\"]}"))
                .hasMessage("routes[0].mirror.stripHeaders[0]: \"X Bad\" (expected: a header name, without spaces or ':')");
    }
}
