package dev.shunt.gateway.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.vertx.core.MultiMap;

/**
 * The span of one inference request and what hangs off it: a child {@code upstream} span per attempt
 * (whose context the backend gets as its {@code traceparent}) and a {@code mirror} span per copy, in a
 * trace of its own and linked to this one (a copy is detached from the client's exchange). Touched on
 * the request's event loop only. {@link #OFF} does nothing.
 */
public final class RequestSpan {

    /** Tracing is off: every method does nothing. */
    public static final RequestSpan OFF = new RequestSpan(null, Span.getInvalid());

    private final Tracer tracer;
    private final Span span;

    RequestSpan(Tracer tracer, Span span) {
        this.tracer = tracer;
        this.span = span;
    }

    /** The route, class, pool and reason the request was routed by. */
    public void routed(String route, String model, String latencyClass, String pool, String reason) {
        if (tracer == null) {
            return;
        }
        span.setAttribute(SpanNames.ROUTE, route).setAttribute(SpanNames.MODEL, model)
                .setAttribute(SpanNames.CLASS, latencyClass).setAttribute(SpanNames.POOL, pool)
                .setAttribute(SpanNames.REASON, reason);
    }

    /** What is known of a request the gateway refused itself. */
    public void refused(String latencyClass, String reason) {
        if (tracer == null) {
            return;
        }
        span.setAttribute(SpanNames.CLASS, latencyClass);
        if (reason != null) {
            span.setAttribute(SpanNames.REASON, reason);
        }
    }

    /**
     * Starts the span of attempt {@code attempt} (0 first) at {@code backend} and puts its context into
     * {@code headers} as {@code traceparent}, so the backend's spans are its children.
     */
    public Span attempt(String backend, String host, int port, int attempt, MultiMap headers) {
        if (tracer == null) {
            return Span.getInvalid();
        }
        Span child = tracer.spanBuilder(SpanNames.UPSTREAM).setParent(Context.root().with(span))
                .setSpanKind(SpanKind.CLIENT).setAttribute(SpanNames.BACKEND, backend)
                .setAttribute(SpanNames.SERVER_ADDRESS, host).setAttribute(SpanNames.SERVER_PORT, (long) port)
                .setAttribute(SpanNames.ATTEMPT, (long) attempt).startSpan();
        inject(child, headers);
        return child;
    }

    /**
     * Starts the span of one mirrored copy, linked to this request's span, and puts its context into
     * {@code headers} (the copy's own).
     */
    public Span mirror(String route, String pool, String backend, String host, int port, boolean shadow,
            MultiMap headers) {
        if (tracer == null) {
            return Span.getInvalid();
        }
        Span copy = tracer.spanBuilder(SpanNames.MIRROR).setNoParent().addLink(span.getSpanContext())
                .setSpanKind(SpanKind.CLIENT).setAttribute(SpanNames.ROUTE, route).setAttribute(SpanNames.POOL, pool)
                .setAttribute(SpanNames.BACKEND, backend).setAttribute(SpanNames.SERVER_ADDRESS, host)
                .setAttribute(SpanNames.SERVER_PORT, (long) port).setAttribute(SpanNames.SHADOW, shadow).startSpan();
        inject(copy, headers);
        return copy;
    }

    /** Ends an attempt's or a copy's span with the backend's status (0: no answer, {@code failure} says why). */
    public void ended(Span child, int status, String failure) {
        if (tracer == null) {
            return;
        }
        finish(child, status, failure);
    }

    /**
     * Ends the request's span with the status the client got and the backend that answered (null when
     * none did); a 5xx or a failure marks it an error.
     */
    public void end(int status, String backend, String failure) {
        if (tracer == null) {
            return;
        }
        if (backend != null) {
            span.setAttribute(SpanNames.BACKEND, backend);
        }
        finish(span, status, failure);
    }

    /** This request's span context (invalid when off). */
    public SpanContext context() {
        return span.getSpanContext();
    }

    private static void finish(Span s, int status, String failure) {
        if (status > 0) {
            s.setAttribute(SpanNames.STATUS, (long) status);
        }
        if (failure != null || status >= 500 || status == 0) {
            s.setStatus(StatusCode.ERROR, failure != null ? failure : "status " + status);
        }
        s.end();
    }

    private static void inject(Span s, MultiMap headers) {
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(s), headers, Headers.INSTANCE);
    }
}
