package dev.shunt.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.gateway.config.TracingConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OtlpTracingTest {

    @Test
    void withoutTracingThereIsNoSdk() {
        OpenTelemetry openTelemetry = OtlpTracing.create(Optional.empty());
        assertThat(openTelemetry).isSameAs(OpenTelemetry.noop());
        assertThat(GatewayTracing.of(openTelemetry).on()).isFalse();
        assertThat(GatewayTracing.of(openTelemetry).request(io.vertx.core.MultiMap.caseInsensitiveMultiMap()))
                .isSameAs(RequestSpan.OFF);
    }

    @Test
    void withTracingAnSdkExportsOverOtlp() {
        OpenTelemetry openTelemetry = OtlpTracing.create(Optional.of(
                new TracingConfig(URI.create("http://127.0.0.1:4318"), "shunt-gateway", 0.5)));
        try {
            assertThat(openTelemetry).isInstanceOf(OpenTelemetrySdk.class);
            assertThat(GatewayTracing.of(openTelemetry).on()).isTrue();
        } finally {
            ((OpenTelemetrySdk) openTelemetry).close();
        }
    }

    @Test
    void spansReachACollectorOverOtlpHttpProtobuf() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + (body.length > 0));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        OpenTelemetrySdk sdk = (OpenTelemetrySdk) OtlpTracing.create(Optional.of(new TracingConfig(
                URI.create("http://127.0.0.1:" + collector.getAddress().getPort()), "shunt-gateway", 1.0)));
        try {
            sdk.getTracer("test").spanBuilder("one").startSpan().end();
            assertThat(sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(received).containsExactly("POST /v1/traces application/x-protobuf true");
        } finally {
            sdk.close();
            collector.stop(0);
        }
    }

    @Test
    void theTracesPathIsAppendedOnce() {
        assertThat(OtlpTracing.tracesUrl(config("http://c:4318"))).isEqualTo("http://c:4318/v1/traces");
        assertThat(OtlpTracing.tracesUrl(config("http://c:4318/"))).isEqualTo("http://c:4318/v1/traces");
        assertThat(OtlpTracing.tracesUrl(config("http://c:4318/v1/traces"))).isEqualTo("http://c:4318/v1/traces");
    }

    static TracingConfig config(String endpoint) {
        return new TracingConfig(URI.create(endpoint), "shunt-gateway", 1.0);
    }
}
