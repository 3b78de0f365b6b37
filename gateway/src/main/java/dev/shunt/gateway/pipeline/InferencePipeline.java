package dev.shunt.gateway.pipeline;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.pipeline.ExchangeListener.AnswerListener;
import dev.shunt.gateway.pool.BackendState;
import dev.shunt.gateway.pool.Pool;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v2/models/{m}[/versions/{v}]/infer}, once its body is read: route selection, the
 * upstream call, the response writer, and the listeners told of the dispatch and of the answer.
 * Nothing here blocks.
 */
public final class InferencePipeline {

    private final RouteSelection selection;
    private final UpstreamCall upstream;
    private final ResponseWriter writer;
    private final List<ExchangeListener> listeners;

    public InferencePipeline(RouteSelection selection, UpstreamCall upstream, ResponseWriter writer,
            List<ExchangeListener> listeners) {
        this.selection = requireNonNull(selection, "selection");
        this.upstream = requireNonNull(upstream, "upstream");
        this.writer = requireNonNull(writer, "writer");
        this.listeners = List.copyOf(listeners);
    }

    /** Handles one inference request whose body has been read (within the listener's limit). */
    public void handle(HttpServerRequest request, String model, Buffer body) {
        long start = System.nanoTime();
        String requestId = RequestIds.of(request.getHeader(ShuntHeaders.REQUEST_ID));
        Selection selected = selection.select(model, request.uri(), request.headers(), body, requestId, start,
                request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        if (selected instanceof Selection.Refused refused) {
            writer.refuse(request.response(), requestId, start, refused);
            return;
        }
        Selection.Routed chosen = (Selection.Routed) selected;
        RoutedRequest routed = chosen.request();
        Pool pool = chosen.pool();
        List<AnswerListener> waiting = new ArrayList<>(listeners.size());
        upstream.call(routed, pool, chosen.resilience().maxRetries(), chosen.resilience().forwardTimeoutParameter(),
                backend -> dispatched(routed, pool, backend, chosen.pools(), waiting))
                .onComplete(ar -> {
                    Answer answer = ar.succeeded()
                            ? Answer.of(ar.result().response().status(), ar.result().response().body(),
                                    ar.result().response().nanos(), ar.result().response().headers().get("Content-Encoding"),
                                    BinaryTensors.declaredJsonLength(ar.result().response().headers().get(BinaryTensors.HEADER_LENGTH)))
                            : Answer.failed(String.valueOf(ar.cause().getMessage()), System.nanoTime() - start);
                    for (AnswerListener listener : waiting) {
                        listener.answered(answer);
                    }
                    if (ar.succeeded()) {
                        writer.answer(request.response(), routed, ar.result());
                    } else {
                        writer.fail(request.response(), routed, ar.cause());
                    }
                });
    }

    private void dispatched(RoutedRequest routed, Pool pool, BackendState backend, Map<String, Pool> live,
            List<AnswerListener> waiting) {
        Dispatch dispatch = new Dispatch(routed, pool, backend, live);
        for (ExchangeListener listener : listeners) {
            AnswerListener wants = listener.dispatched(dispatch);
            if (wants != AnswerListener.NONE) {
                waiting.add(wants);
            }
        }
    }
}
