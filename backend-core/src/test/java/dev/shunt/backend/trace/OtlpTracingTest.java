package dev.shunt.backend.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OtlpTracingTest {

    @Test
    void theTracesPathIsAppendedOnce() {
        assertThat(OtlpTracing.tracesUrl(URI.create("http://c:4318"))).isEqualTo("http://c:4318/v1/traces");
        assertThat(OtlpTracing.tracesUrl(URI.create("http://c:4318/"))).isEqualTo("http://c:4318/v1/traces");
        assertThat(OtlpTracing.tracesUrl(URI.create("http://c:4318/v1/traces"))).isEqualTo("http://c:4318/v1/traces");
    }

    @Test
    void anSdkIsBuiltAndTracingIsOnWithIt() {
        try (OpenTelemetrySdk sdk = OtlpTracing.create(URI.create("http://127.0.0.1:4318"), "shunt-cpu-backend")) {
            assertThat(sdk.getSdkTracerProvider()).isNotNull();
        }
    }

    @Test
    void noopMakesNoSpan() {
        InferenceTracing off = InferenceTracing.of(OpenTelemetry.noop());
        assertThat(off.start(null, "mlp", "cpu()").getSpanContext().isValid()).isFalse();
    }
}
