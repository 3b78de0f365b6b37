package dev.shunt.backend.launch;

import dev.shunt.backend.model.ServedModel;
import dev.shunt.backend.schedule.InferenceJob;
import dev.shunt.backend.schedule.InferenceScheduler;
import dev.shunt.backend.schedule.Ticker;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InferenceRequest;
import dev.shunt.protocol.Shapes;
import dev.shunt.protocol.TensorData;
import dev.shunt.protocol.TensorMetadata;
import dev.shunt.vocabulary.LatencyClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a few one-row requests of zeros through the scheduler before the server reports ready, so
 * the first real request does not pay for lazy engine start-up in every worker.
 */
final class Warmup {

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);

    private Warmup() {}

    static void run(ServedModel model, InferenceScheduler scheduler, int requests) {
        Optional<InferenceRequest> request = zeros(model);
        if (request.isEmpty()) {
            log.info("warm-up skipped: model {} has inputs warm-up cannot fill", model.name());
            return;
        }
        long start = System.nanoTime();
        // the HTTP path's codec too, so the first client does not pay for its class loading
        InferenceCodec codec = new InferenceCodec();
        codec.decodeRequest(codec.encodeRequest(request.get()));
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            futures.add(scheduler.submit(InferenceJob.of(request.get(), 1, LatencyClass.STANDARD,
                    Ticker.system().nanoTime(), Long.MAX_VALUE)));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            log.info("warm-up: {} requests in {} ms", requests, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            log.warn("warm-up failed (serving anyway): {}", e.getCause() != null ? e.getCause().getMessage() : e.toString());
        }
    }

    private static Optional<InferenceRequest> zeros(ServedModel model) {
        List<InferInput> inputs = new ArrayList<>();
        for (TensorMetadata input : model.metadata().inputs()) {
            long[] shape = input.shape();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    shape[i] = 1;
                }
            }
            int count = Math.toIntExact(Shapes.elementCount(shape));
            TensorData data;
            if (input.datatype() == Datatype.FP32 || input.datatype() == Datatype.FP16) {
                data = new TensorData.Floats(new float[count]);
            } else if (input.datatype() == Datatype.FP64) {
                data = new TensorData.Doubles(new double[count]);
            } else if (input.datatype().isInteger()) {
                data = new TensorData.Longs(new long[count]);
            } else {
                return Optional.empty();
            }
            inputs.add(InferInput.of(input.name(), shape, input.datatype(), data));
        }
        return Optional.of(new InferenceRequest("warmup", null, inputs, null));
    }
}
