package dev.shunt.loadtest.overload;

import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of the gateway's {@code /metrics}, the figures the overload report compares with the
 * client's: the cumulative buckets of {@code shunt_request_duration_seconds} of one class's admitted
 * requests (every pool but {@code none}, the gateway's own refusals), and the class's
 * {@code shunt_late_total}, {@code shunt_goodput_total} and {@code shunt_shed_total}; the heap in use.
 *
 * @param buckets upper bound in seconds ({@code +Inf} as {@link Double#POSITIVE_INFINITY}) to cumulative count
 * @param upstream the same of {@code shunt_upstream_duration_seconds} (every pool and class: the backends' part)
 * @param shed the class's requests shed, by reason
 * @param outcomes the class's requests by {@code outcome} of {@code shunt_requests_total}
 */
record GatewayFigures(TreeMap<Double, Double> buckets, TreeMap<Double, Double> upstream, double late, double goodput,
        TreeMap<String, Double> shed, TreeMap<String, Double> outcomes, double heapBytes) {

    /** Reads the figures of {@code latencyClass} from a Prometheus text scrape. */
    static GatewayFigures parse(String scrape, String latencyClass) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        TreeMap<Double, Double> upstream = new TreeMap<>();
        TreeMap<String, Double> shed = new TreeMap<>();
        TreeMap<String, Double> outcomes = new TreeMap<>();
        double late = 0;
        double goodput = 0;
        double heap = 0;
        String cls = "class=\"" + latencyClass + "\"";
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("shunt_request_duration_seconds_bucket{") && line.contains(cls)
                    && !line.contains("pool=\"none\"")) {
                buckets.merge(le(line), value, Double::sum);
            } else if (line.startsWith("shunt_upstream_duration_seconds_bucket{")) {
                upstream.merge(le(line), value, Double::sum);
            } else if (line.startsWith("shunt_requests_total{") && line.contains(cls)) {
                outcomes.merge(label(line, "outcome"), value, Double::sum);
            } else if (line.startsWith("shunt_late_total{") && line.contains(cls)) {
                late += value;
            } else if (line.startsWith("shunt_goodput_total{") && line.contains(cls)) {
                goodput += value;
            } else if (line.startsWith("shunt_shed_total{") && line.contains(cls)) {
                shed.merge(label(line, "reason"), value, Double::sum);
            } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += value;
            }
        }
        return new GatewayFigures(buckets, upstream, late, goodput, shed, outcomes, heap);
    }

    /** What happened between {@code before} and this scrape (the heap is this scrape's). */
    GatewayFigures since(GatewayFigures before) {
        return new GatewayFigures(minus(buckets, before.buckets), minus(upstream, before.upstream), late - before.late,
                goodput - before.goodput, counted(shed, before.shed), counted(outcomes, before.outcomes), heapBytes);
    }

    private static TreeMap<String, Double> counted(TreeMap<String, Double> after, TreeMap<String, Double> before) {
        TreeMap<String, Double> delta = new TreeMap<>();
        after.forEach((key, n) -> {
            double d = n - before.getOrDefault(key, 0.0);
            if (d > 0) {
                delta.put(key, d);
            }
        });
        return delta;
    }

    private static TreeMap<Double, Double> minus(TreeMap<Double, Double> after, TreeMap<Double, Double> before) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        after.forEach((le, n) -> delta.put(le, n - before.getOrDefault(le, 0.0)));
        return delta;
    }

    /** Requests in the histogram. */
    double count() {
        return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
    }

    /** {@link #quantileMs} of the upstream histogram. */
    double upstreamQuantileMs(double q) {
        return quantileMs(upstream, q);
    }

    /**
     * The quantile {@code q} (0..1) in milliseconds, interpolated linearly inside its bucket as
     * Prometheus' {@code histogram_quantile} does; NaN when empty.
     */
    double quantileMs(double q) {
        return quantileMs(buckets, q);
    }

    private static double quantileMs(TreeMap<Double, Double> buckets, double q) {
        double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lower * 1000;
                }
                double inBucket = bucket.getValue() - below;
                double share = inBucket <= 0 ? 1 : (rank - below) / inBucket;
                return (lower + (bucket.getKey() - lower) * share) * 1000;
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return lower * 1000;
    }

    private static double le(String line) {
        String le = label(line, "le");
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static String label(String line, String name) {
        int at = line.indexOf(name + "=\"");
        int from = at + name.length() + 2;
        return line.substring(from, line.indexOf('"', from));
    }
}
