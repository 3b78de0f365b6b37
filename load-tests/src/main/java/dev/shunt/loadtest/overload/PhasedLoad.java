package dev.shunt.loadtest.overload;

import static java.util.Objects.requireNonNull;

import dev.shunt.loadtest.RequestKind;
import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Open-model load in phases without a pause between them: arrivals come on schedule at each phase's
 * rate whether or not earlier ones were answered, so when the rate drops the requests still queued from
 * the phase before meet the new ones, as they would in production. Each request counts in the phase it
 * was due in. In flight is bounded: an arrival over the bound is refused by the generator (status -1),
 * never queued. Loopback only.
 */
final class PhasedLoad implements AutoCloseable {

    private final Vertx vertx;
    private final WebClient client;
    private final int maxInFlight;

    /** A load on {@code http://127.0.0.1:port} whose keep-alive connections last from one run to the next. */
    PhasedLoad(Vertx vertx, int port, int maxInFlight) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.maxInFlight = maxInFlight;
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(port).setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(maxInFlight));
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Runs the phases.
     *
     * @param capacity arrivals per second that {@code 1x} stands for
     * @param deadlineMicros each kind's deadline, for the late count
     * @param phaseBegins told, on the event loop (hand off anything slow), when phase i begins; i = the
     *     number of phases once the last has ended
     */
    List<PhaseStats> run(List<RequestKind> mix, Map<String, Long> deadlineMicros, double capacity, List<Phase> phases,
            IntConsumer phaseBegins) throws Exception {
        RequestKind[] wheel = wheel(mix);
        List<PhaseStats> stats = new ArrayList<>();
        long[] ends = new long[phases.size()];
        long start = System.nanoTime();
        long total = 0;
        for (int i = 0; i < phases.size(); i++) {
            stats.add(new PhaseStats());
            total += phases.get(i).length().toNanos();
            ends[i] = start + total;
        }
        long end = start + total;
        AtomicInteger inFlight = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        long[] nextDue = {start};
        long[] arrivals = {0};
        int[] phase = {-1};
        vertx.runOnContext(v -> vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (nextDue[0] <= now && nextDue[0] < end) {
                long due = nextDue[0];
                int p = phaseOf(ends, due);
                if (p != phase[0]) {
                    phase[0] = p;
                    phaseBegins.accept(p);
                }
                nextDue[0] += (long) (1e9 / (capacity * phases.get(p).multiple()));
                RequestKind kind = wheel[(int) (arrivals[0]++ % wheel.length)];
                PhaseStats in = stats.get(p);
                if (inFlight.get() >= maxInFlight) {
                    in.record(kind.name(), -1);
                    continue;
                }
                inFlight.incrementAndGet();
                long sent = System.nanoTime();
                in.sent((sent - due) / 1000);
                var request = client.request(HttpMethod.POST, kind.path()).timeout(60_000);
                kind.headers().forEach(request::putHeader);
                long deadline = deadlineMicros.get(kind.name());
                request.sendBuffer(kind.body()).onComplete(ar -> {
                    inFlight.decrementAndGet();
                    long micros = (System.nanoTime() - sent) / 1000;
                    if (ar.succeeded()) {
                        in.answered(kind.name(), ar.result().statusCode(),
                                ar.result().getHeader(ShuntHeaders.POOL) != null, micros, deadline);
                    } else {
                        in.record(kind.name(), 0);
                    }
                });
            }
            if (now >= end) {
                vertx.cancelTimer(timer);
                phaseBegins.accept(phases.size());
                vertx.setPeriodic(10, wait -> {
                    if (inFlight.get() == 0 || System.nanoTime() > end + 60_000_000_000L) {
                        vertx.cancelTimer(wait);
                        done.complete(null);
                    }
                });
            }
        }));
        done.get(total / 1_000_000_000L + 90, TimeUnit.SECONDS);
        return stats;
    }

    private static int phaseOf(long[] ends, long due) {
        for (int i = 0; i < ends.length; i++) {
            if (due < ends[i]) {
                return i;
            }
        }
        return ends.length - 1;
    }

    /** The kinds interleaved by weight, so any stretch of arrivals has the configured shares. */
    private static RequestKind[] wheel(List<RequestKind> mix) {
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("mix: empty (expected: at least one request kind)");
        }
        int totalWeight = mix.stream().mapToInt(RequestKind::weight).sum();
        RequestKind[] wheel = new RequestKind[totalWeight];
        int w = 0;
        for (int round = 0; w < totalWeight; round++) {
            for (RequestKind kind : mix) {
                if (round < kind.weight()) {
                    wheel[w++] = kind;
                }
            }
        }
        return wheel;
    }
}
