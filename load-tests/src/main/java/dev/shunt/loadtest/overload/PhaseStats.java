package dev.shunt.loadtest.overload;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the client saw of one phase, by the arrivals due in it: answers by kind and status (0 for no
 * answer at all, -1 for an arrival the generator refused at its own in-flight bound); for each kind, the
 * latency of the requests the gateway admitted (those answered with {@code X-Shunt-Pool}, any status),
 * measured from the moment the request went out, and how many 2xx answers took longer than the kind's
 * deadline; and how late the generator itself sent requests (from due to sent). Thread-safe.
 */
final class PhaseStats {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentHistogram> admitted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> late = new ConcurrentHashMap<>();
    private final ConcurrentHistogram sendLag = new ConcurrentHistogram(60_000_000L, 2);

    void sent(long lagMicros) {
        sendLag.recordValue(Math.min(Math.max(0, lagMicros), 60_000_000L));
    }

    /**
     * @param routed the answer carried {@code X-Shunt-Pool}: the gateway admitted it
     * @param micros from sent to answered
     * @param deadlineMicros the kind's deadline
     */
    void answered(String kind, int status, boolean routed, long micros, long deadlineMicros) {
        record(kind, status);
        if (routed) {
            admitted.computeIfAbsent(kind, k -> new ConcurrentHistogram(60_000_000L, 3))
                    .recordValue(Math.min(Math.max(1, micros), 60_000_000L));
        }
        if (status >= 200 && status < 300 && micros > deadlineMicros) {
            late.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
    }

    void record(String kind, int status) {
        counts.computeIfAbsent(kind + ' ' + status, k -> new LongAdder()).increment();
    }

    /** Answers of {@code kind} with {@code status} (0: none, -1: refused by the generator). */
    long count(String kind, int status) {
        LongAdder n = counts.get(kind + ' ' + status);
        return n == null ? 0 : n.sum();
    }

    /** Arrivals of {@code kind}, whatever became of them. */
    long arrivals(String kind) {
        long n = 0;
        for (Map.Entry<String, LongAdder> e : counts.entrySet()) {
            if (e.getKey().startsWith(kind + ' ')) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    /** Answers of {@code kind} with a status not in {@code known}. */
    long others(String kind, int... known) {
        long n = arrivals(kind);
        for (int status : known) {
            n -= count(kind, status);
        }
        return n;
    }

    /** Counts by status of one kind, for the log. */
    Map<Integer, Long> byStatus(String kind) {
        Map<Integer, Long> out = new TreeMap<>();
        counts.forEach((key, n) -> {
            if (key.startsWith(kind + ' ')) {
                out.put(Integer.parseInt(key.substring(kind.length() + 1)), n.sum());
            }
        });
        return out;
    }

    /** Latency of the admitted requests of {@code kind} at {@code percentile}, ms; NaN when none. */
    double admittedMs(String kind, double percentile) {
        Histogram h = admitted.get(kind);
        return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    long admitted(String kind) {
        Histogram h = admitted.get(kind);
        return h == null ? 0 : h.getTotalCount();
    }

    /** 2xx answers of {@code kind} that took longer than its deadline. */
    long late(String kind) {
        LongAdder n = late.get(kind);
        return n == null ? 0 : n.sum();
    }

    /** How late the generator sent requests after they were due, at {@code percentile}, ms. */
    double sendLagMs(double percentile) {
        return sendLag.getTotalCount() == 0 ? 0 : sendLag.getValueAtPercentile(percentile) / 1000.0;
    }
}
