package dev.shunt.loadtest.reliability;

import static java.util.Objects.requireNonNull;

import dev.shunt.loadtest.RequestKind;
import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open-model load running in the background until {@link #stop()}: requests are due on a fixed
 * schedule whatever the answers, each sent to the next of the {@link Targets}, with a client timeout
 * well above any deadline so that a gateway that never answers shows as "no answer". Latency counts
 * from the moment a request was due. In flight is bounded; an arrival over the bound is a failure.
 */
final class RunningLoad {

    private static final int MAX_IN_FLIGHT = 512;

    private final Vertx vertx;
    private final WebClient client;
    private final Targets targets;
    private final RequestKind[] wheel;
    private final long intervalNanos;
    private final Duration clientTimeout;
    private final Outcomes all = new Outcomes();
    private final Map<String, Outcomes> byKind = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Integer, AtomicInteger> inFlightByPort = new java.util.concurrent.ConcurrentHashMap<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final long start = System.nanoTime();
    private volatile boolean stopping;
    private long nextDue;
    private long sent;
    private long timer;

    private RunningLoad(Vertx vertx, Targets targets, List<RequestKind> kinds, int ratePerSecond, Duration clientTimeout) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.targets = requireNonNull(targets, "targets");
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("ratePerSecond: " + ratePerSecond + " (expected: > 0)");
        }
        this.intervalNanos = 1_000_000_000L / ratePerSecond;
        this.clientTimeout = requireNonNull(clientTimeout, "clientTimeout");
        this.wheel = kinds.stream().flatMap(k -> java.util.stream.Stream.generate(() -> k).limit(k.weight()))
                .toArray(RequestKind[]::new);
        if (wheel.length == 0) {
            throw new IllegalArgumentException("kinds: empty (expected: at least one)");
        }
        kinds.forEach(k -> byKind.put(k.name(), new Outcomes()));
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setKeepAlive(true)
                .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(64));
        this.nextDue = start;
    }

    /** Starts sending {@code ratePerSecond} requests a second, the kinds interleaved by weight. */
    static RunningLoad start(Vertx vertx, Targets targets, List<RequestKind> kinds, int ratePerSecond,
            Duration clientTimeout) {
        RunningLoad load = new RunningLoad(vertx, targets, kinds, ratePerSecond, clientTimeout);
        vertx.runOnContext(v -> load.timer = vertx.setPeriodic(2, id -> load.tick()));
        return load;
    }

    private void tick() {
        long now = System.nanoTime();
        while (!stopping && nextDue <= now) {
            long due = nextDue;
            nextDue += intervalNanos;
            send(wheel[(int) (sent++ % wheel.length)], due);
        }
    }

    private void send(RequestKind kind, long due) {
        Outcomes mine = byKind.get(kind.name());
        int port = targets.next();
        if (port < 0 || inFlight.get() >= MAX_IN_FLIGHT) {
            long now = System.nanoTime();
            all.noAnswer(due, now);
            mine.noAnswer(due, now);
            return;
        }
        inFlight.incrementAndGet();
        AtomicInteger atPort = inFlightByPort.computeIfAbsent(port, p -> new AtomicInteger());
        atPort.incrementAndGet();
        var request = client.request(HttpMethod.POST, port, "127.0.0.1", kind.path()).timeout(clientTimeout.toMillis());
        kind.headers().forEach(request::putHeader);
        request.sendBuffer(kind.body()).onComplete(ar -> {
            long end = System.nanoTime();
            if (ar.succeeded()) {
                HttpResponse<Buffer> r = ar.result();
                boolean jsonError = isJsonError(r);
                String retryAfter = r.getHeader("Retry-After");
                String pool = r.getHeader(ShuntHeaders.POOL);
                String backend = r.getHeader(ShuntHeaders.BACKEND);
                String reason = r.getHeader(ShuntHeaders.REASON);
                String error = r.statusCode() >= 300 && r.body() != null
                        ? r.body().getString(0, Math.min(200, r.body().length())) : "";
                all.answered(r.statusCode(), retryAfter, pool, backend, reason, jsonError, due, end, error);
                mine.answered(r.statusCode(), retryAfter, pool, backend, reason, jsonError, due, end, error);
                if (r.statusCode() >= 300) {
                    all.errorAt(port, r.statusCode(), reason, due);
                }
            } else {
                all.noAnswer(due, end);
                mine.noAnswer(due, end);
                all.errorAt(port, 0, ar.cause().getClass().getSimpleName(), due);
            }
            atPort.decrementAndGet();
            if (inFlight.decrementAndGet() == 0 && stopping) {
                drained.complete(null);
            }
        });
    }

    private static boolean isJsonError(HttpResponse<Buffer> r) {
        try {
            Buffer body = r.body();
            return body != null && body.toJsonObject().getValue("error") instanceof String;
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** Lets it run for {@code d}, then {@link #stop()}s it. */
    RunningLoad sleepThenStop(Duration d) throws Exception {
        Waits.sleep(d);
        return stop();
    }

    /** Stops the arrivals and waits for every request out to end (answer or client timeout). */
    RunningLoad stop() throws Exception {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            stopping = true;
            vertx.cancelTimer(timer);
            if (inFlight.get() == 0) {
                drained.complete(null);
            }
            stopped.complete(null);
        });
        stopped.get(10, TimeUnit.SECONDS);
        drained.get(clientTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        client.close();
        return this;
    }

    /** Requests out to one gateway port now. */
    int inFlight(int port) {
        AtomicInteger n = inFlightByPort.get(port);
        return n == null ? 0 : n.get();
    }

    /** Everything sent so far. */
    Outcomes all() {
        return all;
    }

    /** The requests of one kind. */
    Outcomes kind(String name) {
        return requireNonNull(byKind.get(name), () -> "no request kind " + name);
    }

    /** Seconds since the start. */
    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
