package dev.shunt.backend.trace;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The spans of inference requests: a server span joined to the caller's W3C {@code traceparent}, and
 * its children {@code queue} and {@code compute}, placed from the scheduler's measured durations.
 * Off ({@link #off()}) it makes no span and reads no header. Spans are cheap and never block: the
 * exporter batches on its own thread.
 */
public final class InferenceTracing {

    /** The server span's name: the route, not the model, so names stay few. */
    public static final String SPAN_NAME = "POST /v2/models/{model}/infer";

    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("shunt.model");
    static final AttributeKey<String> DEVICE = AttributeKey.stringKey("shunt.device");
    static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("shunt.batch_size");

    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest carrier) {
            return carrier.headers().names();
        }

        @Override
        public String get(HttpServerRequest carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key);
        }
    };

    private final Tracer tracer;

    private InferenceTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Tracing with {@code openTelemetry}; {@link OpenTelemetry#noop()} turns it off. */
    public static InferenceTracing of(OpenTelemetry openTelemetry) {
        requireNonNull(openTelemetry, "openTelemetry");
        return openTelemetry == OpenTelemetry.noop() ? off()
                : new InferenceTracing(openTelemetry.getTracer("dev.shunt.backend"));
    }

    /** No spans. */
    public static InferenceTracing off() {
        return new InferenceTracing(null);
    }

    /** The server span of one inference request (an invalid, noop span when off). */
    public Span start(HttpServerRequest request, String model, String device) {
        if (tracer == null) {
            return Span.getInvalid();
        }
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
        return tracer.spanBuilder(SPAN_NAME).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(MODEL, model).setAttribute(DEVICE, device).startSpan();
    }

    /**
     * Adds {@code queue} then {@code compute} under {@code server}, the compute ending at {@code doneAt}
     * (when the scheduler handed the result over).
     */
    public void timings(Span server, Instant doneAt, long queueNanos, long computeNanos, int batchRows) {
        if (tracer == null || !server.getSpanContext().isValid()) {
            return;
        }
        long end = epochNanos(doneAt);
        long computeStart = end - Math.max(0, computeNanos);
        long queueStart = computeStart - Math.max(0, queueNanos);
        Context parent = Context.root().with(server);
        tracer.spanBuilder("queue").setParent(parent).setStartTimestamp(queueStart, TimeUnit.NANOSECONDS)
                .startSpan().end(computeStart, TimeUnit.NANOSECONDS);
        tracer.spanBuilder("compute").setParent(parent).setStartTimestamp(computeStart, TimeUnit.NANOSECONDS)
                .setAttribute(BATCH_SIZE, (long) batchRows).startSpan().end(end, TimeUnit.NANOSECONDS);
    }

    /** Ends the server span with the status answered; 5xx marks it an error. */
    public void end(Span server, int status, Throwable failure) {
        if (tracer == null) {
            return;
        }
        server.setAttribute(STATUS, (long) status);
        if (status >= 500) {
            server.setStatus(StatusCode.ERROR, failure == null ? "status " + status : String.valueOf(failure.getMessage()));
        }
        server.end();
    }

    private static long epochNanos(Instant at) {
        return TimeUnit.SECONDS.toNanos(at.getEpochSecond()) + at.getNano();
    }
}
