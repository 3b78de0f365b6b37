package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reload never locks the operator out and never claims settings it cannot apply: it is refused,
 * saying why, and {@code /admin/config} keeps showing the config in force.
 */
class ReloadRefusalsWithBackendsTest {

    WireMockServer backend;
    TestGateway gateway;
    WebClient client;
    final AtomicReference<String> yaml = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        backend = ReadyBackend.start();
        backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody("{}")));
        yaml.set(config("0", "SHUNT_TEST_TOKEN"));
        gateway = TestGateway.start(yaml.get(), Clock.systemUTC(), name -> name.equals("SHUNT_TEST_TOKEN") ? "tok" : null,
                yaml::get);
        client = WebClient.create(gateway.vertx);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        gateway.close();
        backend.stop();
    }

    String config(String port, String tokenEnv) {
        return """
                listener: {host: 127.0.0.1, port: %s, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                admin: {tokenEnv: %s}
                """.formatted(port, backend.port(), tokenEnv);
    }

    HttpResponse<Buffer> admin(HttpMethod method, String path) throws Exception {
        return client.request(method, gateway.port(), "127.0.0.1", path).putHeader("Authorization", "Bearer tok").send()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Reloads the given text (the gateway's config source reads what the test sets). */
    HttpResponse<Buffer> reloadWith(String text) throws Exception {
        yaml.set(text);
        return admin(HttpMethod.POST, "/admin/reload");
    }

    @Test
    void aReloadWhoseTokenVariableIsUnsetIsRefusedAndTheAdminApiStaysOn() throws Exception {
        HttpResponse<Buffer> refused = reloadWith(config("0", "SHUNT_UNSET_TOKEN"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getString("error")).contains("admin.tokenEnv: SHUNT_UNSET_TOKEN is not set");
        assertThat(admin(HttpMethod.GET, "/admin/pools").statusCode()).isEqualTo(200);
        assertThat(admin(HttpMethod.GET, "/admin/config").bodyAsString()).contains("tokenEnv: SHUNT_TEST_TOKEN");
    }

    @Test
    void aReloadThatChangesTheListenerIsRefusedNamingTheSetting() throws Exception {
        HttpResponse<Buffer> refused = reloadWith(config("18000", "SHUNT_TEST_TOKEN"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getString("error"))
                .contains("needs a restart: listener.port 0 -> 18000");
        assertThat(admin(HttpMethod.GET, "/admin/config").bodyAsString()).contains("port: 0").doesNotContain("18000");
    }
}
