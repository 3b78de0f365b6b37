package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shunt.backend.testing.Bodies;
import io.vertx.core.http.HttpVersion;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mirroring where every backend speaks HTTPS only: copies reach a TLS shadow pool (HTTP/1.1 with
 * {@code protocol: http1}, h2 agreed by ALPN with {@code protocol: h2c}) and noise-floor copies reach
 * the second replica of a TLS primary pool, each with its pool's trust store.
 */
class TlsMirroringWithShadowTest {

    static final int REQUESTS = 10;

    @TempDir
    static Path dir;

    static TlsBackend primaryA;
    static TlsBackend primaryB;
    static TlsBackend shadow;
    static Path primaryTrust;
    static Path shadowTrust;
    TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates certificates = new TestCertificates(dir);
        Path primaryKeys = certificates.keyStore("primary", "ip:127.0.0.1");
        primaryA = TlsBackend.start(primaryKeys);
        primaryB = TlsBackend.start(primaryKeys);
        shadow = TlsBackend.start(certificates.keyStore("shadow", "dns:shadow.test"));
        primaryTrust = certificates.pem("primary");
        shadowTrust = certificates.pem("shadow");
    }

    @AfterAll
    static void stopBackends() throws Exception {
        primaryA.close();
        primaryB.close();
        shadow.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"http1, HTTP_1_1", "h2c, HTTP_2"})
    void copiesAndNoiseCopiesReachTlsPools(String protocol, HttpVersion shadowSpeaks) throws Exception {
        primaryA.seen.clear();
        primaryB.seen.clear();
        shadow.seen.clear();
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d", "127.0.0.1:%d"], tls: {trustStore: "%s"}}
                  staging: {backends: ["127.0.0.1:%d"], tls: {trustStore: "%s", serverName: shadow.test}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    mirror: {pool: staging, percent: 100, noisePercent: 100, protocol: %s}
                """.formatted(primaryA.port(), primaryB.port(), primaryTrust, shadow.port(), shadowTrust, protocol));
        Readiness.awaitHealthy(gateway.server, "cpu"); // both replicas: the noise copies go to the other one
        Readiness.awaitHealthy(gateway.server, "staging");

        for (int i = 0; i < REQUESTS; i++) {
            assertThat(gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, i)).statusCode()).isEqualTo(200);
        }

        String infer = "/v2/models/mlp/infer";
        await("every copy arrived").atMost(Duration.ofSeconds(10)).until(() -> shadow.seen(infer).size() == REQUESTS
                && primaryA.seen(infer).size() + primaryB.seen(infer).size() == 2 * REQUESTS);
        assertThat(shadow.seen(infer)).extracting(TlsBackend.Seen::version).containsOnly(shadowSpeaks);
        assertThat(shadow.seen(infer)).extracting(TlsBackend.Seen::sni).containsOnly("shadow.test");
        await("every copy compared").atMost(Duration.ofSeconds(10)).until(() -> gateway.http.get("/metrics")
                .bodyAsString().contains("shunt_shadow_samples{route=\"default\"} " + REQUESTS + ".0"));
        assertThat(gateway.http.get("/metrics").bodyAsString())
                .contains("shunt_shadow_agreement_ratio{route=\"default\"} 1.0");
    }
}
