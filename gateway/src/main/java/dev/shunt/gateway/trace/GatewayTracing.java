package dev.shunt.gateway.trace;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.vertx.core.MultiMap;

/**
 * Makes the spans of inference requests: a server span joined to the caller's W3C {@code traceparent}
 * ({@link RequestSpan}). Off ({@link OpenTelemetry#noop()}) every request gets {@link RequestSpan#OFF}:
 * no span, no header read or written, the client's {@code traceparent} forwarded as it came. Spans are
 * cheap and never block; the exporter batches on its own thread.
 */
public final class GatewayTracing {

    /** No spans. */
    public static final GatewayTracing OFF = new GatewayTracing(null);

    private final Tracer tracer;

    private GatewayTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Tracing with {@code openTelemetry}; {@link OpenTelemetry#noop()} is {@link #OFF}. */
    public static GatewayTracing of(OpenTelemetry openTelemetry) {
        requireNonNull(openTelemetry, "openTelemetry");
        return openTelemetry == OpenTelemetry.noop() ? OFF : new GatewayTracing(openTelemetry.getTracer("dev.shunt.gateway"));
    }

    /** Whether spans are made. */
    public boolean on() {
        return tracer != null;
    }

    /** Starts the span of one inference request now, child of the caller's span when its headers carry one. */
    public RequestSpan request(MultiMap headers) {
        return request(headers, System.nanoTime());
    }

    /**
     * Starts the span of one inference request, child of the caller's span when its headers carry one,
     * at its arrival ({@code arrivedNanos}, {@link System#nanoTime()}): the wait for its body is in the span.
     */
    public RequestSpan request(MultiMap headers, long arrivedNanos) {
        if (tracer == null) {
            return RequestSpan.OFF;
        }
        java.time.Instant arrived = java.time.Instant.now().minusNanos(Math.max(0, System.nanoTime() - arrivedNanos));
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, Headers.INSTANCE);
        Span span = tracer.spanBuilder(SpanNames.REQUEST).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(SpanNames.HTTP_METHOD, "POST")
                .setAttribute(SpanNames.HTTP_ROUTE, "/v2/models/{model}/infer").setStartTimestamp(arrived).startSpan();
        return new RequestSpan(tracer, span);
    }
}
