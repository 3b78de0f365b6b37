package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.error.GatewayError;
import dev.shunt.gateway.error.GatewayErrors;
import dev.shunt.gateway.pipeline.ExchangeListener.AnswerListener;
import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.gateway.trace.GatewayTracing;
import dev.shunt.gateway.trace.RequestSpan;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v2/models/{m}[/versions/{v}]/infer}, once its body is read: route selection, the
 * upstream call, the response writer, and the listeners told of the dispatch and of the answer; with
 * tracing on, the request's span (ended with the status the client got).
 * Nothing here blocks.
 */
public final class InferencePipeline {

    private final RouteSelection selection;
    private final UpstreamCall upstream;
    private final ResponseWriter writer;
    private final List<ExchangeListener> listeners;
    private final GatewayTracing tracing;

    public InferencePipeline(RouteSelection selection, UpstreamCall upstream, ResponseWriter writer,
            List<ExchangeListener> listeners, GatewayTracing tracing) {
        this.selection = requireNonNull(selection, "selection");
        this.upstream = requireNonNull(upstream, "upstream");
        this.writer = requireNonNull(writer, "writer");
        this.listeners = List.copyOf(listeners);
        this.tracing = requireNonNull(tracing, "tracing");
    }

    /**
     * Handles one inference request whose body has been read (within the listener's limit); its deadline
     * and every duration count from {@code arrival}.
     */
    public void handle(HttpServerRequest request, String model, Buffer body, Arrival arrival) {
        long start = arrival.nanos();
        RequestSpan trace = tracing.request(request.headers(), start);
        String requestId = RequestIds.of(request.getHeader(ShuntHeaders.REQUEST_ID));
        Selection selected = selection.select(model, request.uri(), request.headers(), body, requestId, arrival,
                request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        if (selected instanceof Selection.Refused refused) {
            trace.refused(refused.latencyClass(), refused.reason().orElse(null));
            GatewayError error = refused.error();
            trace.end(error.status(), null, error.status() >= 500 ? error.message() : null);
            writer.refuse(request.response(), requestId, start, refused);
            return;
        }
        Selection.Routed chosen = (Selection.Routed) selected;
        RoutedRequest routed = chosen.request();
        Pool pool = chosen.pool();
        trace.routed(routed.route().name(), routed.modelLabel(), routed.latencyClass(), routed.pool(),
                routed.decision().reason());
        List<AnswerListener> waiting = new ArrayList<>(listeners.size());
        upstream.call(routed, pool, chosen.resilience().maxRetries(), chosen.resilience().forwardTimeoutParameter(),
                trace, backend -> dispatched(routed, pool, backend, chosen.pools(), trace, waiting))
                .onComplete(ar -> {
                    Answer answer = ar.succeeded()
                            ? Answer.of(ar.result().response().status(), ar.result().response().body(),
                                    ar.result().response().nanos(), ar.result().response().headers().get("Content-Encoding"),
                                    BinaryTensors.declaredJsonLength(ar.result().response().headers().get(BinaryTensors.HEADER_LENGTH)))
                            : Answer.failed(String.valueOf(ar.cause().getMessage()), System.nanoTime() - start);
                    for (AnswerListener listener : waiting) {
                        listener.answered(answer);
                    }
                    ended(trace, ar.succeeded() ? ar.result() : null, ar.cause());
                    if (ar.succeeded()) {
                        writer.answer(request.response(), routed, ar.result());
                    } else {
                        writer.fail(request.response(), routed, ar.cause());
                    }
                });
    }

    private static void ended(RequestSpan trace, UpstreamAnswer answer, Throwable failure) {
        if (answer != null) {
            trace.end(answer.response().status(), answer.backend().id(), null);
            return;
        }
        GatewayError error = GatewayErrors.of(failure);
        trace.end(error.status(), null, error.message());
    }

    private void dispatched(RoutedRequest routed, Pool pool, BackendState backend, Map<String, Pool> live,
            RequestSpan trace, List<AnswerListener> waiting) {
        Dispatch dispatch = new Dispatch(routed, pool, backend, live, trace);
        for (ExchangeListener listener : listeners) {
            AnswerListener wants = listener.dispatched(dispatch);
            if (wants != AnswerListener.NONE) {
                waiting.add(wants);
            }
        }
    }
}
