package dev.shunt.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shunt.backend.testing.Bodies;
import dev.shunt.backend.testing.HttpProbe;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attempts as spans, against backends that misbehave on purpose (WireMock): a 503 retried on another
 * backend is two {@code upstream} children of one request span, and each backend got its own
 * attempt's span as {@code traceparent}; a 500 passed through marks the request span an error.
 */
class TracedRetriesWithMisbehavingBackendsTest {

    static final String OK_BODY = "{\"model_name\":\"mlp\",\"outputs\":[]}";
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    WireMockServer a;
    WireMockServer b;
    TestGateway gateway;
    HttpProbe http;

    @BeforeEach
    void start() {
        a = ReadyBackend.start();
        b = ReadyBackend.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        a.stop();
        b.stop();
        sdk.close();
    }

    void gateway(String backends) throws Exception {
        String yaml = """
                listener: {host: 127.0.0.1, port: 0, eventLoops: 1}
                pools:
                  cpu: {backends: [%s], balancer: round-robin, healthCheck: {interval: 1m, timeout: 5s}}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                """.formatted(backends);
        gateway = TestGateway.startTraced(yaml, sdk);
        http = gateway.http;
        Readiness.awaitHealthy(gateway.server, "cpu");
    }

    static String addr(WireMockServer w) {
        return "\"127.0.0.1:" + w.port() + "\"";
    }

    @Test
    void aRetriedRequestHasOneUpstreamSpanPerAttemptAndEachBackendGotItsOwn() throws Exception {
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(503).withBody("{\"error\":\"full\"}")));
        b.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(200).withBody(OK_BODY)));
        gateway(addr(a) + ", " + addr(b));
        for (int i = 0; i < 2; i++) { // round-robin: one of the two starts at a
            var answer = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1),
                    Map.of("Content-Type", "application/json", "traceparent", TRACEPARENT));
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        SpanData retried = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("POST /v2/models/{model}/infer"))
                .filter(s -> upstreamOf(s).size() == 2).findFirst().orElseThrow();
        List<SpanData> attempts = upstreamOf(retried);
        SpanData first = attempts.get(0);
        SpanData second = attempts.get(1);
        assertThat(first.getAttributes().get(AttributeKey.longKey("shunt.attempt"))).isEqualTo(0L);
        assertThat(first.getAttributes().get(AttributeKey.stringKey("shunt.backend"))).isEqualTo("127.0.0.1:" + a.port());
        assertThat(first.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503L);
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(second.getAttributes().get(AttributeKey.longKey("shunt.attempt"))).isEqualTo(1L);
        assertThat(second.getAttributes().get(AttributeKey.stringKey("shunt.backend"))).isEqualTo("127.0.0.1:" + b.port());
        assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(retried.getAttributes().get(AttributeKey.stringKey("shunt.backend"))).isEqualTo("127.0.0.1:" + b.port());
        assertThat(retried.getStatus().getStatusCode()).as("the client got a 200").isEqualTo(StatusCode.UNSET);

        assertThat(traceparents(a)).contains("00-" + TRACE_ID + "-" + first.getSpanId() + "-01");
        assertThat(traceparents(b)).contains("00-" + TRACE_ID + "-" + second.getSpanId() + "-01");
    }

    @Test
    void aServerErrorPassedThroughMarksTheRequestSpanAnError() throws Exception {
        a.stubFor(post(urlPathMatching("/v2/models/.*")).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        gateway(addr(a));
        var answer = http.post("/v2/models/mlp/infer", Bodies.mlp(1, 1), Map.of("Content-Type", "application/json"));
        assertThat(answer.statusCode()).isEqualTo(500);
        SpanData request = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("POST /v2/models/{model}/infer")).findFirst().orElseThrow();
        assertThat(request.getParentSpanContext().isValid()).as("no traceparent: a trace of its own").isFalse();
        assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(500L);
        assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    List<SpanData> upstreamOf(SpanData request) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("upstream"))
                .filter(s -> s.getParentSpanId().equals(request.getSpanId()))
                .sorted(Comparator.comparing(s -> s.getAttributes().get(AttributeKey.longKey("shunt.attempt"))))
                .toList();
    }

    static List<String> traceparents(WireMockServer backend) {
        return backend.findAll(postRequestedFor(urlPathMatching("/v2/models/.*"))).stream()
                .map((LoggedRequest r) -> r.getHeader("traceparent")).toList();
    }
}
