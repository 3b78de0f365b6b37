package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class TracingConfigTest {

    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());

    static final String MINIMAL = """
            pools:
              cpu: {backends: ["127.0.0.1:8001"]}
            routes:
              - name: default
                policy: {type: rules, rules: [{name: all, pool: cpu}]}
            """;

    GatewayConfig withTracing(String block) {
        return loader.parse(MINIMAL + "tracing: " + block + "\n");
    }

    @Test
    void absentTracingIsOff() {
        assertThat(loader.parse(MINIMAL).tracing()).isEmpty();
    }

    @Test
    void anEndpointAloneTakesTheDefaults() {
        TracingConfig tracing = withTracing("{otlpEndpoint: http://otel-collector:4318}").tracing().orElseThrow();
        assertThat(tracing.otlpEndpoint()).isEqualTo(URI.create("http://otel-collector:4318"));
        assertThat(tracing.serviceName()).isEqualTo("shunt-gateway");
        assertThat(tracing.sampleRatio()).isEqualTo(1.0);
    }

    @Test
    void everyFieldIsRead() {
        TracingConfig tracing = withTracing("{otlpEndpoint: https://collector.example:4318/v1/traces, "
                + "serviceName: edge-gw, sampleRatio: 0.25}").tracing().orElseThrow();
        assertThat(tracing.otlpEndpoint()).isEqualTo(URI.create("https://collector.example:4318/v1/traces"));
        assertThat(tracing.serviceName()).isEqualTo("edge-gw");
        assertThat(tracing.sampleRatio()).isEqualTo(0.25);
    }

    @Test
    void aBadEndpointIsRefusedWithItsPath() {
        assertThatThrownBy(() -> withTracing("{otlpEndpoint: \"otel-collector:4318\"}"))
                .isInstanceOf(ConfigException.class).hasMessage("tracing.otlpEndpoint: \"otel-collector:4318\" "
                        + "(expected: an http or https URL with a host, e.g. http://otel-collector:4318)");
        assertThatThrownBy(() -> withTracing("{otlpEndpoint: \"ftp://collector:21\"}"))
                .hasMessage("tracing.otlpEndpoint: \"ftp://collector:21\" "
                        + "(expected: an http or https URL with a host, e.g. http://otel-collector:4318)");
        assertThatThrownBy(() -> withTracing("{otlpEndpoint: \"http://bad host:4318\"}"))
                .hasMessage("tracing.otlpEndpoint: \"http://bad host:4318\" "
                        + "(expected: an http or https URL with a host, e.g. http://otel-collector:4318)");
        assertThatThrownBy(() -> withTracing("{serviceName: gw}"))
                .hasMessage("tracing.otlpEndpoint: missing (expected a non-empty string)");
    }

    @Test
    void aRatioOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> withTracing("{otlpEndpoint: http://c:4318, sampleRatio: 1.5}"))
                .isInstanceOf(ConfigException.class).hasMessage("tracing.sampleRatio: 1.5 (expected: 0.0..1.0)");
        assertThatThrownBy(() -> withTracing("{otlpEndpoint: http://c:4318, sampleRatio: -0.1}"))
                .hasMessage("tracing.sampleRatio: -0.1 (expected: 0.0..1.0)");
    }

    @Test
    void unknownFieldsAreRefused() {
        assertThatThrownBy(() -> withTracing("{otlpEndpoint: http://c:4318, exporter: zipkin}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracing.exporter: unknown field (expected one of: otlpEndpoint, sampleRatio, serviceName)");
        assertThatThrownBy(() -> withTracing("{otlpEndpoint: http://c:4318, serviceName: \"\"}"))
                .hasMessage("tracing.serviceName: \"\" (expected: a non-empty string)");
    }
}
