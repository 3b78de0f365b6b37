package dev.shunt.loadtest;

import static java.util.Objects.requireNonNull;

import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * A fixed number of senders, each sending its next request when the previous one is answered,
 * for a fixed time: the load for "throughput at saturation" figures. Latencies of 200s go into an
 * HdrHistogram; everything else is counted by status. Loopback only.
 */
public final class ClosedLoopLoad {

    private final Vertx vertx;

    public ClosedLoopLoad(Vertx vertx) {
        this.vertx = requireNonNull(vertx, "vertx");
    }

    /** Sends {@code body} to {@code http://127.0.0.1:port path} with {@code concurrency} senders for {@code duration}. */
    public LoadResult run(int port, String path, Buffer body, Map<String, String> headers, int concurrency,
            Duration duration) throws Exception {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: > 0)");
        }
        WebClient client = WebClient.create(vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true)
                        .setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(concurrency));
        Recorder latencies = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
        LongAdder batchRows = new LongAdder();
        LongAdder batchSamples = new LongAdder();
        LongAdder responseBytes = new LongAdder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicInteger active = new AtomicInteger(concurrency);
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Runnable[] senders = new Runnable[concurrency];
        for (int i = 0; i < concurrency; i++) {
            int id = i;
            senders[i] = () -> {
                if (System.nanoTime() >= end) {
                    if (active.decrementAndGet() == 0) {
                        finished.complete(null);
                    }
                    return;
                }
                long sent = System.nanoTime();
                var request = client.request(HttpMethod.POST, path).timeout(30_000);
                headers.forEach(request::putHeader);
                request.sendBuffer(body).onComplete(ar -> {
                    if (ar.succeeded() && ar.result().statusCode() == 200) {
                        latencies.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                        ok.incrementAndGet();
                        Buffer answer = ar.result().body();
                        responseBytes.add(answer == null ? 0 : answer.length());
                        String batch = ar.result().getHeader(ShuntHeaders.BATCH_SIZE);
                        if (batch != null) {
                            batchRows.add(Long.parseLong(batch));
                            batchSamples.increment();
                        }
                    } else {
                        int status = ar.succeeded() ? ar.result().statusCode() : 0;
                        errors.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                    senders[id].run();
                });
            };
        }
        for (Runnable sender : senders) {
            vertx.runOnContext(v -> sender.run());
        }
        finished.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        client.close();
        var histogram = latencies.getIntervalHistogram();
        Map<Integer, Long> errorCounts = new java.util.TreeMap<>();
        errors.forEach((status, count) -> errorCounts.put(status, count.sum()));
        return new LoadResult(ok.get(), errorCounts, seconds,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0,
                batchSamples.sum() == 0 ? 0 : (double) batchRows.sum() / batchSamples.sum(),
                ok.get() == 0 ? 0 : (double) responseBytes.sum() / ok.get());
    }
}
