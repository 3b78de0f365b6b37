package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a mirrored copy carries of the client's headers, as a recording staging backend (WireMock) sees it:
 * no credentials by default, only the allow-list with {@code copyHeaders}; the primary gets every header
 * either way.
 */
class MirrorCredentialsWithShadowTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";

    /** Credentials a client may send, by name and by what the name contains. */
    static final Map<String, String> CREDENTIALS = Map.ofEntries(Map.entry("Authorization", "Bearer user-token"),
            Map.entry("Proxy-Authorization", "Basic cHJveHk="), Map.entry("Cookie", "session=1"),
            Map.entry("X-Api-Key", "key-1"), Map.entry("Api-Key", "key-2"), Map.entry("X-Auth-Token", "tok-3"),
            Map.entry("X-Amz-Security-Token", "amz-4"), Map.entry("X-Csrf-Token", "csrf-5"),
            Map.entry("X-Xsrf-Token", "xsrf-6"), Map.entry("X-Refresh-Token", "tok-7"),
            Map.entry("X-Client-Secret", "sec-8"), Map.entry("X-Session-Id", "sess-9"),
            Map.entry("X-Goog-Api-Key", "key-10"), Map.entry("X-Amz-Signature", "sig-11"));

    WireMockServer primary;
    WireMockServer shadow;
    Vertx vertx;
    GatewayServer server;
    HttpProbe http;

    @BeforeEach
    void start() {
        primary = ReadyBackend.start();
        shadow = ReadyBackend.start();
        for (WireMockServer backend : List.of(primary, shadow)) {
            backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(OK_BODY)));
        }
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        primary.stop();
        shadow.stop();
    }

    void gateway(String mirror) throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                  staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    mirror: %s
                """.formatted(primary.port(), shadow.port(), mirror);
        server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC());
        http = new HttpProbe(vertx, server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        Readiness.awaitReady(http);
        Readiness.awaitHealthy(server, "staging");
    }

    /** One request with every credential, a tenant header, a user agent and a request id; both sides' views. */
    List<LoggedRequest> sendAndRecord() {
        Map<String, String> headers = new LinkedHashMap<>(CREDENTIALS);
        headers.put("Content-Type", "application/json");
        headers.put("X-Tenant", "acme");
        headers.put("User-Agent", "client/1.0");
        headers.put("X-Request-Id", "req-1");
        HttpResponse<Buffer> answer = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), headers);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyAsString()).isEqualTo(OK_BODY);
        await("the copy arrived").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> shadow.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))).size() == 1);
        List<LoggedRequest> primaries = primary.findAll(postRequestedFor(urlPathMatching("/v2/models/.*")));
        assertThat(primaries).hasSize(1);
        return List.of(primaries.get(0), shadow.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))).get(0));
    }

    static void primaryGotEveryHeader(LoggedRequest primary) {
        CREDENTIALS.forEach((name, value) -> assertThat(primary.getHeader(name)).as("the primary gets " + name)
                .isEqualTo(value));
        assertThat(primary.getHeader("X-Tenant")).isEqualTo("acme");
        assertThat(primary.getHeader("User-Agent")).isEqualTo("client/1.0");
    }

    @Test
    void byDefaultNoCredentialReachesStaging() throws Exception {
        gateway("{pool: staging, percent: 100}");
        List<LoggedRequest> seen = sendAndRecord();
        primaryGotEveryHeader(seen.get(0));

        LoggedRequest copy = seen.get(1);
        for (String credential : CREDENTIALS.keySet()) {
            assertThat(copy.containsHeader(credential)).as(credential + " stays out of staging").isFalse();
        }
        assertThat(copy.getHeader("X-Tenant")).isEqualTo("acme");
        assertThat(copy.getHeader("User-Agent")).isEqualTo("client/1.0");
        assertThat(copy.getHeader("X-Request-Id")).isEqualTo("req-1");
        assertThat(copy.getHeader("X-Shunt-Shadow")).isEqualTo("true");
        assertThat(copy.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(copy.getBody()).isEqualTo(Bodies.mlp(1, 1));
    }

    @Test
    void withCopyHeadersOnlyThoseAndWhatTheCopyNeedsReachStaging() throws Exception {
        gateway("{pool: staging, percent: 100, copyHeaders: [X-Tenant]}");
        List<LoggedRequest> seen = sendAndRecord();
        primaryGotEveryHeader(seen.get(0));

        LoggedRequest copy = seen.get(1);
        for (String credential : CREDENTIALS.keySet()) {
            assertThat(copy.containsHeader(credential)).as(credential + " stays out of staging").isFalse();
        }
        assertThat(copy.getHeader("X-Tenant")).isEqualTo("acme");
        assertThat(copy.containsHeader("User-Agent")).as("not on the list").isFalse();
        assertThat(copy.containsHeader("X-Forwarded-For")).as("not on the list").isFalse();
        assertThat(copy.getHeader("X-Request-Id")).isEqualTo("req-1");
        assertThat(copy.getHeader("X-Latency-Class")).isEqualTo("standard");
        assertThat(copy.getHeader("X-Shunt-Shadow")).isEqualTo("true");
        assertThat(copy.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(copy.getBody()).isEqualTo(Bodies.mlp(1, 1));
    }

    @Test
    void keepHeadersLetsANamedOneThrough() throws Exception {
        gateway("{pool: staging, percent: 100, keepHeaders: [X-Session-Id]}");
        LoggedRequest copy = sendAndRecord().get(1);
        assertThat(copy.getHeader("X-Session-Id")).isEqualTo("sess-9");
        assertThat(copy.containsHeader("Authorization")).isFalse();
        assertThat(copy.containsHeader("Cookie")).isFalse();
    }
}
