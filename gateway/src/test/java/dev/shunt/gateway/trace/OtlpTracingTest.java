package dev.shunt.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.gateway.config.TracingConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.URI;
import java.util.Optional;
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
    void theTracesPathIsAppendedOnce() {
        assertThat(OtlpTracing.tracesUrl(config("http://c:4318"))).isEqualTo("http://c:4318/v1/traces");
        assertThat(OtlpTracing.tracesUrl(config("http://c:4318/"))).isEqualTo("http://c:4318/v1/traces");
        assertThat(OtlpTracing.tracesUrl(config("http://c:4318/v1/traces"))).isEqualTo("http://c:4318/v1/traces");
    }

    static TracingConfig config(String endpoint) {
        return new TracingConfig(URI.create(endpoint), "shunt-gateway", 1.0);
    }
}
