package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.backend.testing.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls.serverName} with a backend addressed by IP whose certificate names {@code model.test}
 * only: the certificate is checked against the server name (the backend's address by default), the
 * name travels as SNI, and the {@code Host} stays the backend's address.
 */
class TlsServerNameWithBackendTest {

    @TempDir
    static Path dir;

    static TlsBackend backend;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates certificates = new TestCertificates(dir);
        backend = TlsBackend.start(certificates.keyStore("named", "dns:model.test"));
        String trust = "trustStore: \"" + certificates.pem("named") + "\"";
        gateway = TestGateway.startUnready("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  address: {backends: ["127.0.0.1:%1$d"], tls: {%2$s}, healthCheck: {enabled: false}}
                  wrong: {backends: ["127.0.0.1:%1$d"], tls: {%2$s, serverName: other.test}, healthCheck: {enabled: false}}
                  named: {backends: ["127.0.0.1:%1$d"], tls: {%2$s, serverName: model.test}, healthCheck: {interval: 100ms}}
                routes:
                  - {name: address, models: [address], policy: {type: rules, rules: [{name: all, pool: address}]}}
                  - {name: wrong, models: [wrong], policy: {type: rules, rules: [{name: all, pool: wrong}]}}
                  - {name: named, models: [named], policy: {type: rules, rules: [{name: all, pool: named}]}}
                resilience: {maxRetries: 0}
                """.formatted(backend.port(), trust));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    @Test
    void theMatchingServerNameReachesTheBackendByAddressAndPassesItsChecks() {
        Readiness.awaitHealthy(gateway.server, "named"); // the health checks use the server name too

        HttpResponse<Buffer> answer = gateway.http.post("/v2/models/named/infer", Bodies.mlp(1, 1));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyAsString()).isEqualTo(TlsBackend.ANSWER);
        assertThat(answer.getHeader("X-Backend-Sni")).as("the SNI the backend got").isEqualTo("model.test");
        assertThat(backend.seen("/v2/models/named/infer")).last()
                .satisfies(seen -> assertThat(seen.host()).isEqualTo("127.0.0.1:" + backend.port()));
    }

    @Test
    void withoutAServerNameTheCertificateMustNameTheAddress() {
        HttpResponse<Buffer> answer = gateway.http.post("/v2/models/address/infer", Bodies.mlp(1, 1));
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(backend.seen("/v2/models/address/infer")).isEmpty();
    }

    @Test
    void aServerNameTheCertificateDoesNotCarryFails() {
        HttpResponse<Buffer> answer = gateway.http.post("/v2/models/wrong/infer", Bodies.mlp(1, 1));
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(backend.seen("/v2/models/wrong/infer")).isEmpty();
    }
}
