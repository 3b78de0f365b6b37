package dev.shunt.loadtest;

import static java.util.Objects.requireNonNull;

import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;

/**
 * Open-model load: requests arrive on a schedule (a rate that may change over time) whether or not
 * earlier ones were answered, so a slow server does not slow the arrivals down. Latency is measured
 * from the moment a request was <em>due</em>, not from when it went out, which corrects for
 * coordinated omission. In flight is bounded: an arrival over the bound is counted as refused by
 * the generator, never queued. Loopback only.
 */
public final class OpenLoopLoad {

    private final Vertx vertx;

    public OpenLoopLoad(Vertx vertx) {
        this.vertx = requireNonNull(vertx, "vertx");
    }

    /**
     * Runs the mix against {@code http://127.0.0.1:port}.
     *
     * @param ratePerSecond the arrival rate at second {@code s} of the run
     * @param maxInFlight requests out at most
     * @param listener progress, once a second
     */
    public OpenLoopStats run(int port, List<RequestKind> mix, IntToLongFunction ratePerSecond, Duration duration,
            int maxInFlight, OpenLoopStats.Listener listener) throws Exception {
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("mix: empty (expected: at least one request kind)");
        }
        int totalWeight = mix.stream().mapToInt(RequestKind::weight).sum();
        RequestKind[] wheel = new RequestKind[totalWeight];
        int w = 0;
        // interleave kinds so any stretch of arrivals has the configured shares
        for (int round = 0; w < totalWeight; round++) {
            for (RequestKind kind : mix) {
                if (round < kind.weight()) {
                    wheel[w++] = kind;
                }
            }
        }
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(port).setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(maxInFlight));
        OpenLoopStats stats = new OpenLoopStats();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong arrivals = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CompletableFuture<Void> done = new CompletableFuture<>();
        long[] nextDue = {start};
        long[] second = {-1};
        long[] interval = {0};
        vertx.runOnContext(v -> {
            long timer = vertx.setPeriodic(1, id -> {
                long now = System.nanoTime();
                long s = (now - start) / 1_000_000_000L;
                if (s != second[0]) {
                    second[0] = s;
                    long rate = Math.max(1, ratePerSecond.applyAsLong((int) s));
                    interval[0] = 1_000_000_000L / rate;
                    if (s > 0) {
                        listener.onSecond((int) s, stats, inFlight.get());
                    }
                }
                // send everything that is due by now: a late tick catches up, arrivals are not lost
                while (nextDue[0] <= now && nextDue[0] < end) {
                    long due = nextDue[0];
                    nextDue[0] += interval[0];
                    RequestKind kind = wheel[(int) (arrivals.getAndIncrement() % wheel.length)];
                    if (inFlight.get() >= maxInFlight) {
                        stats.refused(kind.name());
                        continue;
                    }
                    inFlight.incrementAndGet();
                    var request = client.request(HttpMethod.POST, kind.path()).timeout(30_000);
                    kind.headers().forEach(request::putHeader);
                    request.sendBuffer(kind.body()).onComplete(ar -> {
                        inFlight.decrementAndGet();
                        long micros = Math.max(1, (System.nanoTime() - due) / 1000);
                        if (ar.succeeded()) {
                            String pool = ar.result().getHeader(ShuntHeaders.POOL);
                            int status = ar.result().statusCode();
                            stats.answered(kind.name(), pool != null ? pool : "none (" + status + ")", status, micros);
                        } else {
                            stats.failed(kind.name(), micros); // no answer at all: counted under "failed"
                        }
                    });
                }
                if (now >= end) {
                    vertx.cancelTimer(id);
                    waitForInFlight(inFlight, done);
                }
            });
        });
        done.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        client.close();
        stats.finish((System.nanoTime() - start) / 1e9);
        return stats;
    }

    private void waitForInFlight(AtomicInteger inFlight, CompletableFuture<Void> done) {
        long[] waited = {0};
        vertx.setPeriodic(10, id -> {
            if (inFlight.get() == 0 || ++waited[0] > 3000) {
                vertx.cancelTimer(id);
                done.complete(null);
            }
        });
    }
}
