package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.classify.BodyBytes;
import dev.shunt.gateway.classify.BodyInflation;
import dev.shunt.gateway.error.DeadlineExpired;
import dev.shunt.gateway.error.NoBackendAvailable;
import dev.shunt.gateway.error.UpstreamTimeout;
import dev.shunt.gateway.error.UpstreamUnreachable;
import dev.shunt.gateway.forward.Forwarder;
import dev.shunt.gateway.forward.UpstreamFailure;
import dev.shunt.gateway.forward.UpstreamResponse;
import dev.shunt.gateway.forward.UpstreamTarget;
import dev.shunt.gateway.metrics.GatewayMetrics;
import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.gateway.trace.RequestSpan;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.protocol.RequestParameterSplice;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The second stage: picks a backend of the chosen pool (balancer, then bulkhead and breaker), forwards
 * with a timeout of the remaining deadline (at most the pool's {@code requestTimeout}), and retries
 * once on another backend where {@link RetryRule} allows and the pool's retry budget has a token.
 * Gives the last backend's answer, or fails with a typed gateway exception. Only what is the backend's
 * fault feeds its breaker and latency figure: a timeout that the client's own deadline caused, or a
 * backend's 504 for a deadline that passed in its queue, does not.
 */
public final class UpstreamCall {

    private final Forwarder forwarder;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final RequestParameterSplice parameterSplice = new RequestParameterSplice();

    public UpstreamCall(Forwarder forwarder, GatewayMetrics metrics, Clock clock) {
        this.forwarder = requireNonNull(forwarder, "forwarder");
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Calls the pool for the request.
     *
     * @param maxRetries retries allowed for this request (0 or 1)
     * @param spliceTimeout also put the remaining deadline into the body as the v2 {@code timeout} parameter
     *     (the route's Triton {@code priority} for the class, when it sets one, is put either way)
     * @param trace the request's span: each attempt is a child span, whose context the backend gets
     * @param dispatched told of the first backend the request left for, right after it was sent
     */
    public Future<UpstreamAnswer> call(RoutedRequest request, Pool pool, int maxRetries, boolean spliceTimeout,
            RequestSpan trace, Consumer<BackendState> dispatched) {
        Promise<UpstreamAnswer> promise = Promise.promise();
        pool.retryBudget().onRequest();
        ForwardHeaders.prepare(request.clientHeaders(), request.requestId(), request.latencyClass(),
                request.clientAddress());
        new Attempts(request, pool, maxRetries, spliceTimeout, trace, dispatched, promise).next();
        return promise.future();
    }

    /** The attempts of one request; touched on its event loop only. */
    private final class Attempts {
        private final RoutedRequest request;
        private final Pool pool;
        private final int maxRetries;
        private final boolean spliceTimeout;
        private final RequestSpan trace;
        private final Consumer<BackendState> dispatched;
        private final Promise<UpstreamAnswer> promise;
        private final Set<String> tried = new HashSet<>(4);
        private int attempt;

        Attempts(RoutedRequest request, Pool pool, int maxRetries, boolean spliceTimeout, RequestSpan trace,
                Consumer<BackendState> dispatched, Promise<UpstreamAnswer> promise) {
            this.request = request;
            this.pool = pool;
            this.maxRetries = maxRetries;
            this.spliceTimeout = spliceTimeout;
            this.trace = trace;
            this.dispatched = dispatched;
            this.promise = promise;
        }

        void next() {
            BackendState backend = pool.acquire(tried);
            if (backend == null) {
                promise.fail(new NoBackendAvailable("no backend of pool " + pool.name() + " can take the request now"));
                return;
            }
            Duration remaining = request.profile().remaining(clock);
            if (remaining.isNegative() || remaining.isZero()) {
                backend.release();
                promise.fail(new DeadlineExpired("deadline passed before the request could be sent"));
                return;
            }
            Duration limit = pool.config().requestTimeout();
            boolean clientBound = remaining.compareTo(limit) < 0;
            Duration timeout = clientBound ? remaining : limit;
            tried.add(backend.id());
            double foretold = pool.foretellNanos(request.profile().batchSize(), backend.inFlight() - 1);
            long sentAt = System.nanoTime();
            Buffer body = withParameters(timeout);
            UpstreamTarget target = pool.target(backend);
            MultiMap headers = ForwardHeaders.withRemaining(request.clientHeaders(), timeout);
            Span span = trace.attempt(backend.id(), target.host(), target.port(), attempt, headers);
            forwarder.forward(target, HttpMethod.POST, request.uri(), headers, body, Math.max(1, timeout.toMillis()),
                    pool.config().connectTimeout().toMillis())
                    .onComplete(ar -> {
                        long nanos = System.nanoTime() - sentAt;
                        trace.ended(span, ar.succeeded() ? ar.result().status() : 0,
                                ar.succeeded() ? null : String.valueOf(ar.cause().getMessage()));
                        metrics.upstream(pool.name(), backend.id(), nanos);
                        if (ar.succeeded()) {
                            if (ar.result().status() >= 200 && ar.result().status() < 300) {
                                pool.observeSlowdown(nanos, foretold);
                            }
                            answered(backend, ar.result(), nanos);
                        } else {
                            if (ar.cause() instanceof UpstreamFailure u && u.kind() == UpstreamFailure.Kind.TIMEOUT) {
                                pool.observeSlowdown(nanos, foretold); // it took at least that long
                            }
                            failed(backend, ar.cause(), nanos, clientBound);
                        }
                    });
            if (attempt == 0) {
                dispatched.accept(backend);
            }
        }

        private void answered(BackendState backend, UpstreamResponse response, long nanos) {
            int status = response.status();
            if (status >= 200 && status < 300) {
                LatencySample.answered(pool, response.headers(), request.profile().batchSize(), nanos);
            }
            if (status < 500) {
                backend.onSuccess(nanos);
                promise.complete(new UpstreamAnswer(backend, response));
                return;
            }
            if (status == 504) {
                backend.release(); // the request's deadline passed in the backend's queue: the client's budget
            } else {
                backend.onFailure(nanos, new UpstreamFailure(UpstreamFailure.Kind.OTHER, backend.id(), "status " + status));
            }
            if (RetryRule.retryable(status) && mayRetry()) {
                retry();
                return;
            }
            promise.complete(new UpstreamAnswer(backend, response));
        }

        private void failed(BackendState backend, Throwable failure, long nanos, boolean clientBound) {
            boolean timedOut = failure instanceof UpstreamFailure u && u.kind() == UpstreamFailure.Kind.TIMEOUT;
            if (timedOut) {
                LatencySample.timedOut(pool, request.profile().batchSize(), nanos);
            }
            if (timedOut && clientBound) {
                backend.release(); // the client's own deadline ran out, not the backend's time
            } else {
                backend.onFailure(nanos, failure);
            }
            if (RetryRule.retryable(failure) && mayRetry()) {
                retry();
                return;
            }
            promise.fail(timedOut
                    ? new UpstreamTimeout("backend " + backend.publicId() + " of pool " + pool.name()
                            + " did not answer within the deadline")
                    : new UpstreamUnreachable("backend " + backend.publicId() + " of pool " + pool.name()
                            + " failed before answering"));
        }

        private boolean mayRetry() {
            return attempt < maxRetries && pool.retryBudget().tryRetry();
        }

        private void retry() {
            attempt++;
            metrics.retry(pool.name());
            next();
        }

        /**
         * The body with the deadline as the v2 {@code timeout} parameter and the class's {@code priority},
         * spliced into its JSON, not re-encoded; a binary body's {@code Inference-Header-Content-Length}
         * follows. A compressed body is forwarded as it came: the deadline travels in
         * {@code X-Request-Timeout-Ms} only.
         */
        private Buffer withParameters(Duration timeout) {
            long micros = spliceTimeout ? Math.max(1, timeout.toNanos() / 1000) : 0;
            long priority = request.route().priority(request.profile().latencyClass());
            if (micros == 0 && priority == 0
                    || !BodyInflation.identity(request.clientHeaders().get("Content-Encoding"))) {
                return request.body();
            }
            BodyBytes json = request.json();
            List<RequestParameterSplice.Edit> edits =
                    parameterSplice.edits(json.array(), json.offset(), json.length(), micros, priority);
            if (request.jsonLength() >= 0) {
                request.clientHeaders().set(BinaryTensors.HEADER_LENGTH,
                        Integer.toString(request.jsonLength() + RequestParameterSplice.delta(edits)));
            }
            return edits.isEmpty() ? request.body() : SplicedBody.of(request.body(), request.bytes(), edits);
        }
    }
}
