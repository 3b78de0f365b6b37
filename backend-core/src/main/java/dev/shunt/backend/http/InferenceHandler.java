package dev.shunt.backend.http;

import static java.util.Objects.requireNonNull;

import dev.shunt.backend.error.DeadlineExceededException;
import dev.shunt.backend.error.ErrorResponses;
import dev.shunt.backend.error.HttpError;
import dev.shunt.backend.metrics.BackendMetrics;
import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceResult;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.backend.trace.InferenceTracing;
import dev.shunt.protocol.BinaryTensors;
import dev.shunt.protocol.EncodedMessage;
import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InferenceRequest;
import dev.shunt.protocol.InferenceResponse;
import dev.shunt.protocol.InvalidRequestException;
import dev.shunt.protocol.ModelMetadata;
import dev.shunt.protocol.RequestValidator;
import dev.shunt.protocol.RequestedOutput;
import dev.shunt.vocabulary.LatencyClass;
import dev.shunt.vocabulary.ShuntHeaders;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v2/models/{m}[/versions/{v}]/infer}: decode (small bodies on the event loop, large
 * ones on a decoder thread), validate against the model, hand the job to the scheduler, and answer
 * from the scheduler's thread's result back on the event loop. Nothing here blocks.
 *
 * <p>Bodies may use Triton's binary tensor data extension ({@link BinaryTensors}): with an
 * {@value BinaryTensors#HEADER_LENGTH} header the body is a JSON header followed by tensor bytes. The
 * answer carries in binary the outputs the request asked for in binary, and is then sent as
 * {@code application/octet-stream} with that header; otherwise it is JSON.
 */
final class InferenceHandler implements Handler<RoutingContext> {

    private final ServedModel model;
    private final ModelMetadata metadata;
    private final InferenceScheduler scheduler;
    private final BackendMetrics metrics;
    private final InferenceCodec codec;
    private final RequestValidator validator;
    private final DecoderPool decoders;
    private final Ticker ticker;
    private final int inlineDecodeBytes;
    private final InferenceTracing tracing;

    InferenceHandler(ServedModel model, InferenceScheduler scheduler, BackendMetrics metrics, InferenceCodec codec,
            DecoderPool decoders, Ticker ticker, int inlineDecodeBytes, InferenceTracing tracing) {
        this.model = requireNonNull(model, "model");
        this.metadata = model.metadata();
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.metrics = requireNonNull(metrics, "metrics");
        this.codec = requireNonNull(codec, "codec");
        this.validator = new RequestValidator();
        this.decoders = requireNonNull(decoders, "decoders");
        this.ticker = requireNonNull(ticker, "ticker");
        this.inlineDecodeBytes = inlineDecodeBytes;
        this.tracing = requireNonNull(tracing, "tracing");
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = ticker.nanoTime();
        HttpServerRequest request = ctx.request();
        Span span = tracing.start(request, metadata.name(), model.device());
        Buffer body = ctx.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        LatencyClass latencyClass;
        OptionalLong headerTimeout;
        String version;
        int jsonLength;
        try {
            version = ModelPaths.resolve(metadata, ctx.pathParam("model"), ctx.pathParam("version"));
            latencyClass = latencyClass(request.getHeader(ShuntHeaders.LATENCY_CLASS));
            headerTimeout = Deadlines.headerTimeoutNanos(request.getHeader(ShuntHeaders.REQUEST_TIMEOUT_MS));
            // after any Content-Encoding was undone: the header counts the inflated body's bytes
            jsonLength = BinaryTensors.jsonLength(request.getHeader(BinaryTensors.HEADER_LENGTH), bytes.length);
        } catch (RuntimeException e) {
            fail(ctx, start, e, span);
            return;
        }
        CompletableFuture<InferenceRequest> decoded = bytes.length <= inlineDecodeBytes
                ? decodeNow(bytes, jsonLength)
                : decoders.submit(() -> decode(bytes, jsonLength));
        CompletableFuture<Answer> answered = decoded.thenCompose(inference -> {
            OptionalLong timeout = Deadlines.sooner(headerTimeout, Deadlines.parameterTimeoutNanos(inference.parameters()));
            long deadline = timeout.isPresent() ? start + timeout.getAsLong() : Long.MAX_VALUE;
            InferenceJob job = InferenceJob.of(inference, validator.batchSize(inference), latencyClass, start, deadline);
            return scheduler.submit(job).thenApply(result -> {
                metrics.recordTimings(latencyClass, result.queueNanos(), result.computeNanos());
                tracing.timings(span, Instant.now(), result.queueNanos(), result.computeNanos(), result.batchRows());
                EncodedMessage encoded = codec.encodeResponse(response(inference, version, result),
                        name -> BinaryTensors.wantsBinary(inference, name));
                return new Answer(encoded, result);
            });
        });
        Future.fromCompletionStage(answered, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
            if (ar.succeeded()) {
                InferenceResult result = ar.result().result();
                EncodedMessage encoded = ar.result().body();
                HttpServerResponse response = ctx.response()
                        .putHeader("Content-Type", encoded.binary() ? "application/octet-stream" : "application/json")
                        .putHeader(ShuntHeaders.QUEUE_MS, millis(result.queueNanos()))
                        .putHeader(ShuntHeaders.COMPUTE_MS, millis(result.computeNanos()))
                        .putHeader(ShuntHeaders.BATCH_SIZE, Integer.toString(result.batchRows()))
                        .putHeader(ShuntHeaders.DEVICE, model.device());
                encoded.headerLength().ifPresent(n -> response.putHeader(BinaryTensors.HEADER_LENGTH, Integer.toString(n)));
                echoRequestId(request, response);
                metrics.recordRequest(ErrorResponses.OK, ticker.nanoTime() - start);
                tracing.end(span, 200, null);
                response.end(Buffer.buffer(encoded.bytes()));
            } else {
                if (ar.cause() instanceof DeadlineExceededException
                        || ar.cause().getCause() instanceof DeadlineExceededException) {
                    metrics.recordExpired(latencyClass);
                }
                fail(ctx, start, ar.cause(), span);
            }
        });
    }

    /** An encoded response body and the timings that go into its headers. */
    private record Answer(EncodedMessage body, InferenceResult result) {}

    private CompletableFuture<InferenceRequest> decodeNow(byte[] bytes, int jsonLength) {
        try {
            return CompletableFuture.completedFuture(decode(bytes, jsonLength));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@code jsonLength}: the JSON header's length when tensors follow it, -1 for a body of JSON alone. */
    private InferenceRequest decode(byte[] bytes, int jsonLength) {
        InferenceRequest inference = codec.decodeRequest(bytes, 0, bytes.length, jsonLength);
        validator.validate(inference, metadata);
        return inference;
    }

    private static LatencyClass latencyClass(String header) {
        if (header == null) {
            return LatencyClass.STANDARD;
        }
        return LatencyClass.parse(header).orElseThrow(() -> new InvalidRequestException(ShuntHeaders.LATENCY_CLASS
                + ": \"" + ModelPaths.shorten(header) + "\" (expected: realtime, standard or batch)"));
    }

    private InferenceResponse response(InferenceRequest request, String version, InferenceResult result) {
        List<InferOutput> outputs = result.outputs();
        if (!request.outputs().isEmpty()) {
            List<InferOutput> chosen = new ArrayList<>(request.outputs().size());
            for (RequestedOutput wanted : request.outputs()) {
                for (InferOutput output : outputs) {
                    if (output.name().equals(wanted.name())) {
                        chosen.add(output);
                    }
                }
            }
            outputs = chosen;
        }
        return new InferenceResponse(metadata.name(), version, request.id(), null, outputs);
    }

    private void fail(RoutingContext ctx, long start, Throwable cause, Span span) {
        HttpError error = ErrorResponses.of(cause);
        tracing.end(span, error.status(), cause);
        metrics.recordRequest(error.outcome(), ticker.nanoTime() - start);
        echoRequestId(ctx.request(), ctx.response());
        ErrorWriter.write(ctx.response(), error, codec);
    }

    private static void echoRequestId(HttpServerRequest request, HttpServerResponse response) {
        String id = request.getHeader(ShuntHeaders.REQUEST_ID);
        if (id != null && id.length() <= 128) {
            response.putHeader(ShuntHeaders.REQUEST_ID, id);
        }
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
