package dev.shunt.backend.trace;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;

/**
 * The OpenTelemetry SDK of a model server started with {@code --otlp-endpoint}: spans batched on the
 * exporter's own thread and sent over OTLP (HTTP/protobuf) to {@code <endpoint>/v1/traces}; W3C
 * trace context. The caller closes it.
 */
public final class OtlpTracing {

    private OtlpTracing() {}

    /** An SDK exporting to the collector at {@code endpoint} as service {@code serviceName}. */
    public static OpenTelemetrySdk create(URI endpoint, String serviceName) {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(serviceName, "serviceName");
        Resource resource = Resource.getDefault()
                .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName)));
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(endpoint)).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
        return OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    }

    /** The collector's traces URL: {@code endpoint} itself when it names {@code /v1/traces}, else with it appended. */
    static String tracesUrl(URI endpoint) {
        String text = endpoint.toString();
        if (text.endsWith("/v1/traces")) {
            return text;
        }
        return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/v1/traces";
    }
}
