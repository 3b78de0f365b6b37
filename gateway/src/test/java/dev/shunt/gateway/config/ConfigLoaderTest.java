package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.vocabulary.LatencyClass;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());

    static final String MINIMAL = """
            pools:
              cpu: {backends: ["127.0.0.1:8001"]}
              gpu: {backends: ["127.0.0.1:8002"]}
            routes:
              - name: default
                policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}
            """;

    @Test
    void theLocalLayoutLoads() {
        GatewayConfig config = loader.load(Path.of("..", "deploy", "local", "shunt.yaml"));
        assertThat(config.listener().port()).isEqualTo(8000);
        assertThat(config.pools()).containsOnlyKeys("cpu", "gpu", "staging");
        assertThat(config.pools().get("cpu").backends()).extracting(BackendAddress::id)
                .containsExactly("127.0.0.1:8001", "127.0.0.1:8011");
        assertThat(config.routes().get(0).pools()).containsExactlyInAnyOrder("cpu", "gpu");
        assertThat(config.resilience().classDeadlines()).containsEntry(LatencyClass.REALTIME, Duration.ofMillis(200));
        assertThat(config.admin().tokenEnv()).contains("SHUNT_ADMIN_TOKEN");
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        GatewayConfig config = loader.parse(MINIMAL);
        assertThat(config.listener().host()).isEqualTo("127.0.0.1");
        assertThat(config.pools().get("cpu").healthCheck()).isEqualTo(HealthCheckConfig.ofDefaults());
        assertThat(config.routeFor("anything")).isPresent();
    }

    @Test
    void errorsNameTheExactPath() {
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("maxRows: 4", "maxRows: -3")))
                .isInstanceOf(ConfigException.class).hasMessage("routes[0].policy.maxRows: -3 (expected: > 0)");
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("large: gpu", "large: tpu")))
                .hasMessage("routes[0].policy: pool \"tpu\" is not configured (pools: cpu, gpu)");
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("\"127.0.0.1:8002\"", "\"127.0.0.1:x\"")))
                .hasMessageContaining("pools.gpu.backends[0]: \"127.0.0.1:x\": port \"x\" is not a number");
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("cpu: {backends:", "cpu: {maxInflight: 3, backends:")))
                .hasMessageStartingWith("pools.cpu.maxInflight: unknown field (expected one of:");
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("type: size-threshold", "type: magic")))
                .hasMessage("routes[0].policy.type: \"magic\" (expected one of: size-threshold, latency-class, rules, slo)");
        assertThatThrownBy(() -> loader.parse(MINIMAL + "resilience: {classDeadlines: {batch: soon}}"))
                .hasMessage("resilience.classDeadlines.batch: \"soon\" (expected: a number with a unit: 250us, 500ms, 2s, "
                        + "1.5s, 5m, 1h, or ISO-8601 such as PT2S)");
        assertThatThrownBy(() -> loader.parse(MINIMAL.replace("cpu: {backends: [\"127.0.0.1:8001\"]}",
                "cpu: {backends: [\"127.0.0.1:8001\"], healthCheck: {rise: 0}}")))
                .hasMessage("pools.cpu.healthCheck.rise: 0 (expected: 1..100)");
        assertThatThrownBy(() -> loader.parse("pools: [")).hasMessageStartingWith("not valid YAML");
        assertThatThrownBy(() -> loader.parse("listener:\n  port: 8000\n  port: 8080\n"))
                .as("a key given twice is not silently the last one")
                .hasMessage("not valid YAML: Duplicate field 'port' (line 3)");
    }

    static final String MIRRORED = MINIMAL.replace("policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}",
            "policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}\n    mirror: MIRROR\n    cutover: CUTOVER");

    static String mirrored(String mirror, String cutover) {
        return MIRRORED.replace("MIRROR", mirror).replace("CUTOVER", cutover);
    }

    @Test
    void mirrorAndCutoverSectionsLoadWithTheirDefaults() {
        GatewayConfig config = loader.parse(mirrored("{pool: gpu, percent: 25, stripHeaders: [X-Secret]}",
                "{pool: gpu, steps: [10%, 100]}"));
        MirrorConfig mirror = config.routes().get(0).mirror().orElseThrow();
        assertThat(mirror.percent()).isEqualTo(25);
        assertThat(mirror.maxBodyBytes()).as("1 MiB by default").isEqualTo(1 << 20);
        assertThat(mirror.copies("x-secret")).isFalse();
        assertThat(mirror.copies("Authorization")).as("the list adds to the defaults").isFalse();
        assertThat(mirror.copies("X-Tenant")).isTrue();
        assertThat(config.routes().get(0).cutover().orElseThrow().steps()).containsExactly(10.0, 100.0);
        assertThat(loader.parse(MINIMAL).routes().get(0).mirror()).isEmpty();
    }

    @Test
    void mirrorAndCutoverErrorsNameTheExactPath() {
        assertThatThrownBy(() -> loader.parse(mirrored("{pool: staging}", "{pool: gpu}")))
                .hasMessage("routes[0].mirror.pool: \"staging\" is not configured (pools: cpu, gpu)");
        assertThatThrownBy(() -> loader.parse(mirrored("{pool: gpu, percent: 150}", "{pool: gpu}")))
                .hasMessage("routes[0].mirror.percent: 150.0 (expected: 0.0..100.0)");
        assertThatThrownBy(() -> loader.parse(mirrored("{pool: gpu, percnt: 5}", "{pool: gpu}")))
                .hasMessageStartingWith("routes[0].mirror.percnt: unknown field");
        assertThatThrownBy(() -> loader.parse(mirrored("{pool: gpu, criteria: {minAgreement: 2}}", "{pool: gpu}")))
                .hasMessageStartingWith("routes[0].mirror.criteria.minAgreement: 2.0");
        assertThatThrownBy(() -> loader.parse(mirrored("{pool: gpu}", "{pool: gpu, steps: [5, 150]}")))
                .hasMessage("routes[0].cutover.steps[1]: 150 (expected: 0 < step <= 100)");
        assertThatThrownBy(() -> loader.parse(mirrored("{pool: gpu}", "{pool: gpu, steps: [5, soon]}")))
                .hasMessage("routes[0].cutover.steps[1]: \"soon\" (expected: a percentage such as 5 or 5%)");
    }

    static String withDns(String dns) {
        return MINIMAL.replace("cpu: {backends: [\"127.0.0.1:8001\"]}", "cpu: {dns: " + dns + "}");
    }

    @Test
    void dnsDiscoveryLoadsWithItsDefaults() throws Exception {
        DnsDiscovery a = loader.parse(withDns("{name: cpu.shunt.test, port: 8001}")).pools().get("cpu").dns().orElseThrow();
        assertThat(a.type()).isEqualTo(DnsLookupType.A);
        assertThat(a.port()).hasValue(8001);
        assertThat(a.refresh()).isEqualTo(Duration.ofSeconds(10));
        assertThat(a.minRefresh()).isEqualTo(Duration.ofSeconds(1));
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(a.server()).as("the system's resolvers").isEmpty();

        DnsDiscovery srv = loader.parse(withDns("{name: _http._tcp.cpu.shunt.test, type: srv, refresh: 500ms,"
                + " server: \"[fd00::a]:5353\"}")).pools().get("cpu").dns().orElseThrow();
        assertThat(srv.type()).isEqualTo(DnsLookupType.SRV);
        assertThat(srv.port()).isEmpty();
        assertThat(srv.minRefresh()).as("never above refresh").isEqualTo(Duration.ofMillis(500));
        assertThat(srv.server().orElseThrow().socketAddress())
                .isEqualTo(new java.net.InetSocketAddress(java.net.InetAddress.getByName("fd00::a"), 5353));
        assertThat(loader.parse(withDns("{name: x.test, port: 1, server: 10.96.0.10}")).pools().get("cpu").dns()
                .orElseThrow().server().orElseThrow().port()).isEqualTo(53);
    }

    @Test
    void theTtlDecidesTheNextLookupWithinMinRefreshAndRefresh() {
        DnsDiscovery dns = loader.parse(withDns("{name: x.test, port: 1, minRefresh: 2s, refresh: 30s}")).pools().get("cpu")
                .dns().orElseThrow();
        assertThat(dns.refreshAfter(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(dns.refreshAfter(Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(dns.refreshAfter(Duration.ofDays(1))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void dnsErrorsNameTheExactPath() {
        assertThatThrownBy(() -> loader.parse(withDns("{name: x.test}")))
                .hasMessage("pools.cpu.dns.port: missing (expected: 1..65535 with type a)");
        assertThatThrownBy(() -> loader.parse(withDns("{name: x.test, port: 0}")))
                .hasMessage("pools.cpu.dns.port: 0 (expected: 1..65535)");
        assertThatThrownBy(() -> loader.parse(withDns("{name: x.test, type: srv, port: 8001}")))
                .hasMessage("pools.cpu.dns.port: 8001 (expected: none with type srv, each SRV record gives its port)");
        assertThatThrownBy(() -> loader.parse(withDns("{name: x.test, type: mx}")))
                .hasMessage("pools.cpu.dns.type: \"mx\" (expected one of: a, srv)");
        assertThatThrownBy(() -> loader.parse(withDns("{port: 8001}")))
                .hasMessage("pools.cpu.dns.name: missing (expected a non-empty string)");
        assertThatThrownBy(() -> loader.parse(withDns("{name: x.test, port: 8001, minRefresh: 20s}")))
                .hasMessage("pools.cpu.dns.minRefresh: 20000ms (expected: at most dns.refresh, 10000ms)");
        assertThatThrownBy(() -> loader.parse(withDns("{name: x.test, port: 8001, timeout: 0s}")))
                .hasMessage("pools.cpu.dns.timeout: PT0S (expected: a duration > 0)");
        assertThatThrownBy(() -> loader.parse(withDns("{name: x.test, port: 8001, server: \"kube-dns:53\"}")))
                .hasMessage("pools.cpu.dns.server: \"kube-dns:53\" (expected: an IP address with an optional port,"
                        + " such as 10.96.0.10, 10.96.0.10:53 or [fd00::a]:53)");
        assertThatThrownBy(() -> loader.parse(withDns("{name: x.test, port: 8001, server: \"10.96.0.10:99999\"}")))
                .hasMessage("pools.cpu.dns.server: \"10.96.0.10:99999\": port 99999 (expected: 1..65535)");
        assertThatThrownBy(() -> loader.parse(withDns("{name: x.test, port: 8001, ttl: 5s}")))
                .hasMessage("pools.cpu.dns.ttl: unknown field (expected one of: minRefresh, name, port, refresh, server,"
                        + " timeout, type)");
    }
}
