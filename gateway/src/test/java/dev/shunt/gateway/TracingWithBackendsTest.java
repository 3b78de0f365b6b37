package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.Device;
import dev.shunt.backend.cpu.WorkerPoolConfig;
import dev.shunt.backend.cpu.WorkerPoolScheduler;
import dev.shunt.backend.model.EmbeddedModels;
import dev.shunt.backend.model.ModelVariant;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.backend.testing.ServerFixture;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.pool.BackendIds;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One request's span tree end to end: the caller's span, the gateway's server span joined to it, an
 * {@code upstream} span per attempt, the real model server's server span under it with its
 * {@code queue} and {@code compute}, and the mirrored copy's {@code mirror} span linked to the request's
 * span, with the shadow server's span under it. One SDK with an in-memory exporter is shared by the
 * gateway and both in-process model servers.
 */
class TracingWithBackendsTest {

    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    static final String CLIENT_SPAN_ID = "b7ad6b7169203331";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01";
    static final String REQUEST_SPAN = "POST /v2/models/{model}/infer";

    static final InMemorySpanExporter spans = InMemorySpanExporter.create();
    static OpenTelemetrySdk sdk;
    static ServerFixture primary;
    static ServerFixture shadow;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        primary = server("cpu");
        shadow = server("staging");
        vertx = Vertx.vertx();
    }

    static ServerFixture server(String name) throws Exception {
        return new ServerFixture(name, EmbeddedModels.load("mlp", ModelVariant.PRODUCTION, Device.cpu()),
                m -> WorkerPoolScheduler.start(m, new WorkerPoolConfig(1, 64), Ticker.system()), 64L << 20, sdk);
    }

    @AfterAll
    static void stop() throws Exception {
        primary.close();
        shadow.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        sdk.close();
    }

    @BeforeEach
    void forget() {
        spans.reset();
    }

    @Test
    void oneRequestMakesOneSpanTreeAcrossTheGatewayAndTheModelServers() throws Exception {
        GatewayServer server = gateway(sdk);
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (HttpProbe http = new HttpProbe(vertx, port)) {
            Readiness.awaitHealthy(server, "cpu");
            Readiness.awaitHealthy(server, "staging");
            var answer = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 7),
                    Map.of("Content-Type", "application/json", "traceparent", TRACEPARENT));
            assertThat(answer.statusCode()).isEqualTo(200);

            SpanData mirror = await("the copy's span").atMost(Duration.ofSeconds(10))
                    .until(() -> find(s -> s.getName().equals("mirror")), s -> s != null);
            SpanData shadowServer = await("the shadow's span").atMost(Duration.ofSeconds(10))
                    .until(() -> find(s -> s.getParentSpanId().equals(mirror.getSpanId())), s -> s != null);

            SpanData request = only(s -> s.getName().equals(REQUEST_SPAN) && scope(s).equals("dev.shunt.gateway"));
            assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(request.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(request.getParentSpanId()).as("the caller's span").isEqualTo(CLIENT_SPAN_ID);
            assertThat(request.getParentSpanContext().isRemote()).isTrue();
            assertThat(attr(request, "shunt.route")).isEqualTo("default");
            assertThat(attr(request, "shunt.class")).isEqualTo("standard");
            assertThat(attr(request, "shunt.pool")).isEqualTo("cpu").isEqualTo(answer.getHeader("X-Shunt-Pool"));
            assertThat(attr(request, "shunt.reason")).isEqualTo(answer.getHeader("X-Shunt-Reason")).isNotBlank();
            // traces are the operator's: they name the backend's address, the client its opaque id
            String backend = "127.0.0.1:" + primary.http().port();
            assertThat(answer.getHeader("X-Shunt-Backend")).isEqualTo(BackendIds.opaque("cpu", backend));
            assertThat(attr(request, "shunt.backend")).isEqualTo(backend);
            assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
            assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

            SpanData upstream = only(s -> s.getName().equals("upstream"));
            assertThat(upstream.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(upstream.getParentSpanId()).isEqualTo(request.getSpanId());
            assertThat(upstream.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(attr(upstream, "shunt.backend")).isEqualTo(backend);
            assertThat(attr(upstream, "server.address")).isEqualTo("127.0.0.1");
            assertThat(upstream.getAttributes().get(AttributeKey.longKey("shunt.attempt"))).isEqualTo(0L);
            assertThat(upstream.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);

            SpanData model = only(s -> s.getParentSpanId().equals(upstream.getSpanId()));
            assertThat(model.getName()).isEqualTo(REQUEST_SPAN);
            assertThat(scope(model)).isEqualTo("dev.shunt.backend");
            assertThat(model.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(model.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(model.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
            SpanData queue = only(s -> s.getName().equals("queue") && s.getParentSpanId().equals(model.getSpanId()));
            SpanData compute = only(s -> s.getName().equals("compute") && s.getParentSpanId().equals(model.getSpanId()));
            assertThat(compute.getAttributes().get(AttributeKey.longKey("shunt.batch_size"))).isEqualTo(1L);
            assertThat(queue.getEndEpochNanos()).as("compute follows the queue").isEqualTo(compute.getStartEpochNanos());
            assertThat(compute.getEndEpochNanos()).isGreaterThan(compute.getStartEpochNanos());

            assertThat(mirror.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(mirror.getParentSpanContext().isValid()).as("a copy is no child of the request").isFalse();
            assertThat(mirror.getLinks()).extracting(l -> l.getSpanContext().getSpanId())
                    .containsExactly(request.getSpanId());
            assertThat(mirror.getLinks()).extracting(l -> l.getSpanContext().getTraceId()).containsExactly(TRACE_ID);
            assertThat(attr(mirror, "shunt.route")).isEqualTo("default");
            assertThat(attr(mirror, "shunt.pool")).isEqualTo("staging");
            assertThat(attr(mirror, "shunt.backend")).isEqualTo("127.0.0.1:" + shadow.http().port());
            assertThat(shadowServer.getName()).isEqualTo(REQUEST_SPAN);
            assertThat(shadowServer.getTraceId()).isEqualTo(mirror.getTraceId()).isNotEqualTo(TRACE_ID);
            assertThat(primary.blockedEventLoopReports()).as("spans never block an event loop").isEmpty();
            assertThat(shadow.blockedEventLoopReports()).isEmpty();
        } finally {
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withTracingOffTheGatewayMakesNoSpanAndForwardsTheCallersTraceparent() throws Exception {
        GatewayServer server = gateway(OpenTelemetry.noop());
        int port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (HttpProbe http = new HttpProbe(vertx, port)) {
            Readiness.awaitHealthy(server, "cpu");
            var answer = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 7),
                    Map.of("Content-Type", "application/json", "traceparent", TRACEPARENT));
            assertThat(answer.statusCode()).isEqualTo(200);

            SpanData model = await("the model server's span").atMost(Duration.ofSeconds(10))
                    .until(() -> find(s -> s.getParentSpanId().equals(CLIENT_SPAN_ID)), s -> s != null);
            assertThat(model.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(scope(model)).as("the caller's traceparent reached the model server as it came")
                    .isEqualTo("dev.shunt.backend");
            assertThat(spans.getFinishedSpanItems()).noneMatch(s -> scope(s).equals("dev.shunt.gateway"));
        } finally {
            server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    GatewayServer gateway(OpenTelemetry openTelemetry) {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                  staging: {backends: ["127.0.0.1:%d"], healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                    mirror: {pool: staging, percent: 100}
                """.formatted(primary.http().port(), shadow.http().port());
        return new GatewayServer(vertx, new ConfigLoader(Clock.systemUTC()).parse(yaml), Clock.systemUTC(), () -> {
            throw new IllegalStateException("no reload here");
        }, name -> null, new GatewayMetrics(), openTelemetry);
    }

    static SpanData find(Predicate<SpanData> which) {
        return spans.getFinishedSpanItems().stream().filter(which).findFirst().orElse(null);
    }

    static SpanData only(Predicate<SpanData> which) {
        List<SpanData> matching = spans.getFinishedSpanItems().stream().filter(which).toList();
        assertThat(matching).as("spans: %s", spans.getFinishedSpanItems()).hasSize(1);
        return matching.get(0);
    }

    static String scope(SpanData span) {
        return span.getInstrumentationScopeInfo().getName();
    }

    static String attr(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }
}
