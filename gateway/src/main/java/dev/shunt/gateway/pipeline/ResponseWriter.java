package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.error.ErrorResponses;
import dev.shunt.gateway.error.GatewayError;
import dev.shunt.gateway.error.GatewayErrors;
import dev.shunt.gateway.error.Outcome;
import dev.shunt.gateway.forward.HopByHop;
import dev.shunt.gateway.forward.UpstreamResponse;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The last stage: writes the backend's answer with every end-to-end header it sent, plus {@code X-Shunt-Pool},
 * {@code X-Shunt-Backend} (the backend's opaque id, never its address unless a debug setting asks),
 * {@code X-Shunt-Reason} and {@code X-Request-Id}, or the gateway's own error
 * as JSON (one place maps failures to statuses: {@link GatewayErrors}); records the request's metrics
 * once, every duration from the request's {@link Arrival}: an answer below 400 counts as goodput when it
 * is written before the deadline, as late when after. While the gateway drains, every answer says {@code Connection: close}.
 */
public final class ResponseWriter {

    private final ErrorResponses errors;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final BooleanSupplier draining;
    private final AccessLog accessLog;
    private final BooleanSupplier exposeBackendAddresses;

    /** With {@code X-Shunt-Backend} naming backends by their opaque id. */
    public ResponseWriter(ErrorResponses errors, GatewayMetrics metrics, Clock clock, BooleanSupplier draining,
            BooleanSupplier accessLogOn) {
        this(errors, metrics, clock, draining, accessLogOn, () -> false);
    }

    /**
     * @param accessLogOn whether to write the access log line of each request (read per request)
     * @param exposeBackendAddresses whether {@code X-Shunt-Backend} names the backend's {@code host:port}
     *     ({@code debug.exposeBackendAddresses}, read per request) instead of its opaque id
     */
    public ResponseWriter(ErrorResponses errors, GatewayMetrics metrics, Clock clock, BooleanSupplier draining,
            BooleanSupplier accessLogOn, BooleanSupplier exposeBackendAddresses) {
        this.exposeBackendAddresses = requireNonNull(exposeBackendAddresses, "exposeBackendAddresses");
        this.accessLog = new AccessLog(accessLogOn);
        this.errors = requireNonNull(errors, "errors");
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
        this.draining = requireNonNull(draining, "draining");
    }

    /** The backend's answer, as it came. */
    public void answer(HttpServerResponse response, RoutedRequest request, UpstreamAnswer answer) {
        UpstreamResponse upstream = answer.response();
        Outcome outcome = Outcome.ofStatus(upstream.status());
        long nanos = System.nanoTime() - request.startNanos();
        metrics.request(request.modelLabel(), request.latencyClass(), request.pool(), outcome, nanos);
        accessLog.record(request.requestId(), request.modelLabel(), request.latencyClass(), request.pool(),
                answer.backend().id(), upstream.status(), nanos, request.body().length(), upstream.body().length());
        if (outcome == Outcome.OK) {
            // the deadline counts from the request's arrival, as the duration does
            if (clock.instant().isBefore(request.profile().deadline())) {
                metrics.goodput(request.latencyClass());
            } else {
                metrics.late(request.latencyClass());
            }
        }
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(upstream.status());
        // every end-to-end header as the backend sent it (Content-Encoding, Retry-After, X-Queue-Ms, ...)
        for (Map.Entry<String, String> header : upstream.headers()) {
            if (!HopByHop.is(header.getKey())) {
                response.headers().add(header.getKey(), header.getValue());
            }
        }
        shuntHeaders(response, request.requestId(), request.pool(), Optional.of(request.decision().reason()));
        response.putHeader(ShuntHeaders.BACKEND, answer.backend().clientLabel(exposeBackendAddresses.getAsBoolean()));
        response.end(upstream.body());
    }

    /** A failure after the request was routed (no backend, deadline, timeout, unreachable). */
    public void fail(HttpServerResponse response, RoutedRequest request, Throwable failure) {
        write(response, GatewayErrors.of(failure), request.requestId(), request.startNanos(), request.modelLabel(),
                request.latencyClass(), request.pool(), Optional.of(request.decision().reason()), request.body().length());
    }

    /** A request the gateway answers itself before routing it. */
    public void refuse(HttpServerResponse response, String requestId, long startNanos, Selection.Refused refused) {
        if (refused.error().outcome() == Outcome.SHED) {
            metrics.shed(refused.latencyClass(), refused.reason().orElse("none"));
        }
        write(response, refused.error(), requestId, startNanos, refused.modelLabel(), refused.latencyClass(), "none",
                refused.reason(), -1);
    }

    private void write(HttpServerResponse response, GatewayError error, String requestId, long startNanos, String model,
            String latencyClass, String pool, Optional<String> reason, long bytesIn) {
        long nanos = System.nanoTime() - startNanos;
        metrics.request(model, latencyClass, pool, error.outcome(), nanos);
        accessLog.record(requestId, model, latencyClass, pool, "-", error.status(), nanos, bytesIn, -1);
        if (response.closed() || response.ended()) {
            return;
        }
        shuntHeaders(response, requestId, pool, reason);
        errors.write(response, error);
    }

    private void shuntHeaders(HttpServerResponse response, String requestId, String pool, Optional<String> reason) {
        response.putHeader(ShuntHeaders.REQUEST_ID, requestId);
        if (!pool.equals("none")) {
            response.putHeader(ShuntHeaders.POOL, pool);
        }
        reason.ifPresent(r -> response.putHeader(ShuntHeaders.REASON, r));
        if (draining.getAsBoolean()) {
            response.putHeader("Connection", "close");
        }
    }
}
