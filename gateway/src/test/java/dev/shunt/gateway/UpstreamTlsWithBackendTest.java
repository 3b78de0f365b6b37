package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shunt.backend.testing.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pools.<name>.tls} against a backend that speaks HTTPS only: with a trust store that trusts
 * its certificate, requests, health checks and metadata go through; with one that does not, the
 * backend is never admitted and a request to it fails; {@code verify: false} trusts it anyway; a
 * reload applies a new trust store.
 */
class UpstreamTlsWithBackendTest {

    @TempDir
    static Path dir;

    static TestCertificates certificates;
    static TlsBackend backend;
    TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        certificates = new TestCertificates(dir);
        backend = TlsBackend.start(certificates.keyStore("backend", "dns:localhost,ip:127.0.0.1"));
        certificates.keyStore("stranger", "dns:localhost,ip:127.0.0.1"); // a certificate nobody should trust for it
    }

    @AfterAll
    static void stopBackend() throws Exception {
        backend.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** One pool {@code gpu} with {@code tls} (and any more pool settings), all models routed to it. */
    static String yaml(String tls, String more) {
        return """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  gpu: {backends: ["127.0.0.1:%d"], tls: %s%s}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: gpu}]}
                resilience: {maxRetries: 0}
                """.formatted(backend.port(), tls, more);
    }

    @Test
    void aTrustedBackendAnswersThroughTheGatewayAndPassesItsChecks() throws Exception {
        // start() waits for /v2/health/ready: the backend passed a health check over TLS
        gateway = TestGateway.start(yaml("{trustStore: \"" + certificates.pem("backend") + "\"}", ""));

        HttpResponse<Buffer> answer = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyAsString()).isEqualTo(TlsBackend.ANSWER);
        assertThat(answer.getHeader("X-Shunt-Pool")).isEqualTo("gpu");
        HttpResponse<Buffer> metadata = gateway.http.get("/v2/models/mlp");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.bodyAsString()).isEqualTo(TlsBackend.METADATA);
        assertThat(gateway.server.pools().get("gpu").backends().get(0).healthy()).isTrue();
        // the certificate is checked against the address; the Host stays the backend's address
        assertThat(backend.seen("/v2/models/mlp/infer")).last()
                .satisfies(seen -> assertThat(seen.host()).isEqualTo("127.0.0.1:" + backend.port()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JKS", "PKCS12"})
    void aKeyStoreTrustStoreWithItsPasswordServesLikePem(String type) throws Exception {
        Path store = certificates.trustStore("backend", type);
        gateway = TestGateway.start(yaml("{trustStore: \"" + store + "\", trustStorePassword: "
                + TestCertificates.PASSWORD + "}", ""));

        assertThat(gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(200);
    }

    @Test
    void anUntrustedBackendIsNeverAdmittedAndARequestToItFails() throws Exception {
        String untrusted = "{trustStore: \"" + certificates.pem("stranger") + "\"}";
        gateway = TestGateway.startUnready("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  checked: {backends: ["127.0.0.1:%1$d"], tls: %2$s, healthCheck: {interval: 100ms}}
                  unchecked: {backends: ["127.0.0.1:%1$d"], tls: %2$s, healthCheck: {enabled: false}}
                routes:
                  - {name: checked, models: [checked], policy: {type: rules, rules: [{name: all, pool: checked}]}}
                  - {name: unchecked, models: [unchecked], policy: {type: rules, rules: [{name: all, pool: unchecked}]}}
                resilience: {maxRetries: 0}
                """.formatted(backend.port(), untrusted));
        int handshakesBefore = backend.failedHandshakes.size();

        // the health checks reach the backend and refuse its certificate
        await("the health checks' handshakes failed").atMost(Duration.ofSeconds(10))
                .until(() -> backend.failedHandshakes.size() >= handshakesBefore + 2);
        assertThat(gateway.server.pools().get("checked").backends().get(0).healthy()).isFalse();
        assertThat(gateway.http.get("/v2/models/checked/ready").statusCode()).as("the model's route has no admitted backend")
                .isEqualTo(503);
        HttpResponse<Buffer> notAdmitted = gateway.http.post("/v2/models/checked/infer", Bodies.mlp(1, 1));
        assertThat(notAdmitted.statusCode()).isEqualTo(503);
        assertThat(notAdmitted.bodyAsString()).contains("no healthy backend can serve model checked");
        // trusted without checks, the backend still does not get the request: the handshake fails first
        HttpResponse<Buffer> refused = gateway.http.post("/v2/models/unchecked/infer", Bodies.mlp(1, 1));
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.bodyAsString()).contains("of pool unchecked failed before answering");
        assertThat(backend.seen("/v2/models/unchecked/infer")).isEmpty();
    }

    @Test
    void verifyFalseTrustsACertificateNoTrustStoreHolds() throws Exception {
        gateway = TestGateway.start(yaml("{verify: false}", ""));

        HttpResponse<Buffer> answer = gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyAsString()).isEqualTo(TlsBackend.ANSWER);
    }

    @Test
    void aPoolThatVerifiesNeverGetsAConnectionOpenedWithoutChecks() throws Exception {
        // the same backend in a pool that checks nothing and in one that checks against the JVM's CAs
        gateway = TestGateway.start("""
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  lax: {backends: ["127.0.0.1:%1$d"], tls: {verify: false}, healthCheck: {enabled: false}}
                  strict: {backends: ["127.0.0.1:%1$d"], tls: {}, healthCheck: {enabled: false}}
                routes:
                  - {name: lax, models: [lax], policy: {type: rules, rules: [{name: all, pool: lax}]}}
                  - {name: strict, models: [strict], policy: {type: rules, rules: [{name: all, pool: strict}]}}
                resilience: {maxRetries: 0}
                """.formatted(backend.port()));

        assertThat(gateway.http.post("/v2/models/lax/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(200);
        // the lax pool's kept-alive connection is not the strict pool's: its own handshake fails
        assertThat(gateway.http.post("/v2/models/strict/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(502);
        assertThat(gateway.http.post("/v2/models/lax/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(200);
    }

    @Test
    void aReloadAppliesANewTrustStore() throws Exception {
        String unchecked = ", healthCheck: {enabled: false}";
        AtomicReference<String> file = new AtomicReference<>(
                yaml("{trustStore: \"" + certificates.pem("stranger") + "\"}", unchecked));
        gateway = TestGateway.start(file.get(), Clock.systemUTC(), name -> null, file::get);
        assertThat(gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(502);

        file.set(yaml("{trustStore: \"" + certificates.pem("backend") + "\"}", unchecked));
        assertThat(gateway.server.reload().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .as("applied, not refused").isNull();

        assertThat(gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(200);
    }

    @Test
    void aReloadTakesTheCertificatesOfAReplacedTrustStoreFile() throws Exception {
        Path rotated = Files.copy(certificates.pem("stranger"), dir.resolve("rotated.pem"),
                StandardCopyOption.REPLACE_EXISTING);
        String unchanged = yaml("{trustStore: \"" + rotated + "\"}", ", healthCheck: {enabled: false}");
        gateway = TestGateway.start(unchanged, Clock.systemUTC(), name -> null, () -> unchanged);
        assertThat(gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(502);

        Files.copy(certificates.pem("backend"), rotated, StandardCopyOption.REPLACE_EXISTING);
        assertThat(gateway.server.reload().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .as("applied, not refused").isNull();

        assertThat(gateway.http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(200);
    }
}
