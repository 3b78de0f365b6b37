package dev.shunt.gateway.trace;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.TracingConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Optional;

/**
 * The gateway's OpenTelemetry, built from {@code tracing:}: without it {@link OpenTelemetry#noop()} (no
 * SDK, no exporter); with it an SDK whose spans are batched on the exporter's own thread and sent over
 * OTLP (HTTP/protobuf, the JDK's HTTP client), sampled by ratio unless the caller decided.
 */
public final class OtlpTracing {

    private OtlpTracing() {}

    /** The OpenTelemetry {@code config} asks for; the caller closes an SDK it gets. */
    public static OpenTelemetry create(Optional<TracingConfig> config) {
        requireNonNull(config, "config");
        if (config.isEmpty()) {
            return OpenTelemetry.noop();
        }
        TracingConfig cfg = config.get();
        Resource resource = Resource.getDefault()
                .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), cfg.serviceName())));
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(cfg)).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(cfg.sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
        return OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    }

    /** The collector's traces URL: the endpoint when it names {@code /v1/traces}, else with it appended. */
    static String tracesUrl(TracingConfig cfg) {
        String text = cfg.otlpEndpoint().toString();
        if (text.endsWith("/v1/traces")) {
            return text;
        }
        return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/v1/traces";
    }
}
