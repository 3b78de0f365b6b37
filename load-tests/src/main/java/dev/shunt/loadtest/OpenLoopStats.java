package dev.shunt.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What an open-model run saw, per request kind and the pool that served it (from {@code X-Shunt-Pool}):
 * answers by status, latencies of 2xx answers (HdrHistogram, microseconds from the due time), failures
 * and arrivals the generator refused at its in-flight bound. Thread-safe.
 */
public final class OpenLoopStats {

    /** Called once a second while the run lasts. */
    public interface Listener {
        void onSecond(int second, OpenLoopStats stats, int inFlight);
    }

    /** One kind over every pool: answers, the share that was 2xx, latency quantiles of the 2xx ones. */
    public record KindSummary(long total, long ok, double okShare, double p50Ms, double p99Ms) {}

    /** One row of the summary: a kind and a pool. */
    public record Row(String kind, String pool, long ok, long errors, double shareOfKind, double p50Ms, double p99Ms) {}

    private final Map<String, Cell> cells = new ConcurrentHashMap<>();
    private final LongAdder answered = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Histogram recent = new ConcurrentHistogram(60_000_000L, 2);
    private volatile double seconds;

    private static final class Cell {
        final ConcurrentHistogram latency = new ConcurrentHistogram(60_000_000L, 3);
        final LongAdder ok = new LongAdder();
        final LongAdder errors = new LongAdder();
    }

    private Cell cell(String kind, String pool) {
        return cells.computeIfAbsent(kind + '\u0000' + pool, k -> new Cell());
    }

    void answered(String kind, String pool, int status, long micros) {
        answered.increment();
        Cell c = cell(kind, pool);
        if (status >= 200 && status < 300) {
            c.ok.increment();
            c.latency.recordValue(Math.min(micros, 60_000_000L));
            recent.recordValue(Math.min(micros, 60_000_000L));
        } else {
            c.errors.increment();
            errors.increment();
        }
    }

    void failed(String kind, long micros) {
        answered.increment();
        errors.increment();
        cell(kind, "failed").errors.increment();
    }

    void refused(String kind) {
        errors.increment();
        cell(kind, "refused").errors.increment();
    }

    void finish(double seconds) {
        this.seconds = seconds;
    }

    /** Requests answered (any status) or failed so far. */
    public long completed() {
        return answered.sum();
    }

    /** Every arrival: answered, failed or refused by the generator. */
    public long requests() {
        long n = 0;
        for (Cell c : cells.values()) {
            n += c.ok.sum() + c.errors.sum();
        }
        return n;
    }

    /** Non-2xx answers, failures and refused arrivals so far. */
    public long errors() {
        return errors.sum();
    }

    /** p99 of 2xx answers so far, in milliseconds. */
    public double p99Ms() {
        return recent.getTotalCount() == 0 ? 0 : recent.getValueAtPercentile(99) / 1000.0;
    }

    /** Run time in seconds (after the run). */
    public double seconds() {
        return seconds;
    }

    /** One row per kind and pool, sorted. */
    public List<Row> rows() {
        Map<String, Long> perKind = new TreeMap<>();
        cells.forEach((key, c) -> perKind.merge(key.substring(0, key.indexOf('\u0000')), c.ok.sum() + c.errors.sum(),
                Long::sum));
        List<Row> rows = new ArrayList<>();
        new TreeMap<>(cells).forEach((key, c) -> {
            String kind = key.substring(0, key.indexOf('\u0000'));
            String pool = key.substring(key.indexOf('\u0000') + 1);
            long total = c.ok.sum() + c.errors.sum();
            Histogram h = c.latency;
            rows.add(new Row(kind, pool, c.ok.sum(), c.errors.sum(), (double) total / perKind.get(kind),
                    h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1000.0,
                    h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0));
        });
        return rows;
    }

    /** Per kind, all pools together. */
    public Map<String, KindSummary> byKind() {
        Map<String, Histogram> latency = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        cells.forEach((key, c) -> {
            String kind = key.substring(0, key.indexOf('\u0000'));
            latency.computeIfAbsent(kind, k -> new Histogram(60_000_000L, 3)).add(c.latency);
            long[] n = counts.computeIfAbsent(kind, k -> new long[2]);
            n[0] += c.ok.sum() + c.errors.sum();
            n[1] += c.ok.sum();
        });
        Map<String, KindSummary> out = new TreeMap<>();
        counts.forEach((kind, n) -> {
            Histogram h = latency.get(kind);
            out.put(kind, new KindSummary(n[0], n[1], n[0] == 0 ? 0 : (double) n[1] / n[0],
                    h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1000.0,
                    h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0));
        });
        return out;
    }
}
