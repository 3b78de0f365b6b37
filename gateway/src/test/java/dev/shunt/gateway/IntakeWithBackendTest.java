package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.protocol.InferenceCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the listener takes inference calls: body limits, content types, methods and paths. */
class IntakeWithBackendTest {

    static final InferenceCodec CODEC = new InferenceCodec();

    WireMockServer backend;
    Vertx vertx;
    GatewayServer server;
    HttpProbe http;

    @BeforeEach
    void start() throws Exception {
        backend = ReadyBackend.start();
        backend.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody("{}")));
        vertx = Vertx.vertx();
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1, maxBodyBytes: 8000}
                pools: {cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1h, timeout: 5s}}}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                """.formatted(backend.port());
        server = new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC());
        http = new HttpProbe(vertx, server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        Readiness.awaitReady(http);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        backend.stop();
    }

    int forwarded() {
        return backend.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))).size();
    }

    @Test
    void aBodyOverTheListenerLimitIs413AndNeverForwarded() {
        var declared = http.post("/v2/models/mlp/infer", Bodies.mlp(2, 1), Map.of("Content-Type", "application/json"));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(CODEC.decodeError(declared.body().getBytes()).error())
                .isEqualTo("request body is larger than the limit of 8000 bytes");
        assertThat(forwarded()).isZero();
    }

    @Test
    void aChunkedBodyIsCutAtTheLimitToo() throws Exception {
        HttpClient client = vertx.createHttpClient();
        try {
            var response = client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                            .setPort(http.port()).setURI("/v2/models/mlp/infer"))
                    .compose(request -> {
                        request.setChunked(true);
                        for (int i = 0; i < 20; i++) {
                            request.write(Buffer.buffer(new byte[1000]));
                        }
                        return request.end().compose(v -> request.response());
                    })
                    .compose(r -> r.body().map(b -> r.statusCode() + " " + b))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(response).startsWith("413 ").contains("larger than the limit of 8000 bytes");
        } finally {
            client.close();
        }
        assertThat(forwarded()).isZero();
    }

    @Test
    void multipartIsRefusedAndOtherMethodsAre405() {
        var multipart = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                Map.of("Content-Type", "multipart/form-data; boundary=x"));
        assertThat(multipart.statusCode()).isEqualTo(400);
        assertThat(CODEC.decodeError(multipart.body().getBytes()).error())
                .isEqualTo("Content-Type: multipart (expected: application/json)");

        var get = http.get("/v2/models/mlp/infer");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(CODEC.decodeError(get.body().getBytes()).error()).isEqualTo("method GET is not allowed on /v2/models/mlp/infer");
        assertThat(forwarded()).isZero();
    }

    @Test
    void versionedAndEncodedPathsAreRoutedAsTheyCame() {
        assertThat(http.post("/v2/models/mlp/versions/1/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(200);
        assertThat(http.post("/v2/models/my%20model/infer", Bodies.mlp(1, 1)).statusCode()).isEqualTo(200);

        assertThat(backend.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))))
                .extracting(r -> r.getUrl())
                .containsExactlyInAnyOrder("/v2/models/mlp/versions/1/infer", "/v2/models/my%20model/infer");
        assertThat(http.get("/metrics").bodyAsString()).contains("model=\"my model\"");
    }
}
