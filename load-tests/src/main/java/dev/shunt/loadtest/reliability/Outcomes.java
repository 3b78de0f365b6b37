package dev.shunt.loadtest.reliability;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * What clients saw of one kind of request (or of all): answers by status, which were shed (429, or 503
 * with {@code Retry-After}), which failed (any other non-2xx, or no answer at all), error answers that
 * carried no JSON {@code {"error": ...}} body, latency of every answer, and where the 2xx answers came
 * from ({@code X-Shunt-Pool}, {@code X-Shunt-Backend}). Thread-safe.
 */
final class Outcomes {

    /** One failed request: when it was due and when it ended, in nanoseconds of {@link System#nanoTime()}. */
    /** A failed request: when it was due and ended, its status (0: no answer) and its error text (at most 200 chars). */
    record Failure(long dueNanos, long endNanos, int status, String error) {}

    /** One answer that was not 2xx (or no answer: status 0): when it was due, the gateway port, status and reason. */
    record ErrorAnswer(long dueNanos, int port, int status, String reason) {}

    private static final int MAX_FAILURES_KEPT = 10_000;

    private final LongAdder requests = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder shed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder noAnswer = new LongAdder();
    private final LongAdder unclearErrors = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> okByPool = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> okByBackend = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsByReason = new ConcurrentHashMap<>();
    private final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(120_000_000L, 3);
    private final ConcurrentLinkedQueue<Failure> failed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failedKept = new AtomicInteger();
    private final ConcurrentLinkedQueue<ErrorAnswer> errorAnswers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorAnswersKept = new AtomicInteger();

    /** Keeps (the first 10,000) errors with the port they came from. */
    void errorAt(int port, int status, String reason, long dueNanos) {
        if (errorAnswersKept.incrementAndGet() <= MAX_FAILURES_KEPT) {
            errorAnswers.add(new ErrorAnswer(dueNanos, port, status, reason == null ? "" : reason));
        }
    }

    /** The errors kept, with their port. */
    Iterable<ErrorAnswer> errorAnswers() {
        return errorAnswers;
    }

    void answered(int status, String retryAfter, String pool, String backend, String reason, boolean jsonError,
            long dueNanos, long endNanos) {
        answered(status, retryAfter, pool, backend, reason, jsonError, dueNanos, endNanos, "");
    }

    void answered(int status, String retryAfter, String pool, String backend, String reason, boolean jsonError,
            long dueNanos, long endNanos, String error) {
        requests.increment();
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        latencyMicros.recordValue(Math.min(120_000_000L, Math.max(1, (endNanos - dueNanos) / 1000)));
        if (status >= 200 && status < 300) {
            ok.increment();
            okByPool.computeIfAbsent(pool == null ? "none" : pool, p -> new LongAdder()).increment();
            okByBackend.computeIfAbsent(backend == null ? "none" : backend, b -> new LongAdder()).increment();
            return;
        }
        errorsByReason.computeIfAbsent(status + (reason == null ? "" : " " + reason), r -> new LongAdder()).increment();
        if (!jsonError) {
            unclearErrors.increment();
        }
        if (status == 429 || (status == 503 && retryAfter != null)) {
            shed.increment();
        } else {
            fail(dueNanos, endNanos, status, error);
        }
    }

    void noAnswer(long dueNanos, long endNanos) {
        requests.increment();
        noAnswer.increment();
        byStatus.computeIfAbsent(0, s -> new LongAdder()).increment();
        latencyMicros.recordValue(Math.min(120_000_000L, Math.max(1, (endNanos - dueNanos) / 1000)));
        fail(dueNanos, endNanos, 0, "no answer");
    }

    private void fail(long dueNanos, long endNanos, int status, String error) {
        failures.increment();
        if (failedKept.incrementAndGet() <= MAX_FAILURES_KEPT) {
            failed.add(new Failure(dueNanos, endNanos, status,
                    error == null ? "" : error.substring(0, Math.min(200, error.length()))));
        }
    }

    long requests() {
        return requests.sum();
    }

    long ok() {
        return ok.sum();
    }

    long shed() {
        return shed.sum();
    }

    long failures() {
        return failures.sum();
    }

    long noAnswer() {
        return noAnswer.sum();
    }

    /** Non-2xx answers without a JSON {@code {"error": ...}} body. */
    long unclearErrors() {
        return unclearErrors.sum();
    }

    double p99Ms() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(99) / 1000.0;
    }

    double maxMs() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
    }

    /** Answers by status, 0 for no answer. */
    Map<Integer, Long> byStatus() {
        return counts(byStatus);
    }

    Map<String, Long> okByPool() {
        return counts(okByPool);
    }

    /** {@code 2xx=93, 503 no-healthy-backend=68, no answer=2}: what came back, errors with their reason. */
    String summary() {
        StringBuilder out = new StringBuilder("2xx=" + ok());
        errorsByReason().forEach((reason, n) -> out.append(", ").append(reason).append('=').append(n));
        if (noAnswer() > 0) {
            out.append(", no answer=").append(noAnswer());
        }
        return "{" + out + "}";
    }

    /** Error answers by status and {@code X-Shunt-Reason}, e.g. {@code 503 no-healthy-backend}. */
    Map<String, Long> errorsByReason() {
        return counts(errorsByReason);
    }

    Map<String, Long> okByBackend() {
        return counts(okByBackend);
    }

    /** The failures kept (the first 10,000). */
    Iterable<Failure> failed() {
        return failed;
    }

    private static <K extends Comparable<K>> Map<K, Long> counts(Map<K, LongAdder> adders) {
        Map<K, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
