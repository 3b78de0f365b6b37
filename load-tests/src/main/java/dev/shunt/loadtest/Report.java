package dev.shunt.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Turns side-by-side results into a Markdown table of medians over rounds, with ratios to a baseline. */
public final class Report {

    private Report() {}

    /** The median of a non-empty list. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values: [] (expected: at least one)");
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The median over rounds of one figure. */
    public static double median(List<LoadResult> rounds, ToDoubleFunction<LoadResult> figure) {
        return median(rounds.stream().map(figure::applyAsDouble).toList());
    }

    /**
     * A table: per target its median throughput, p50, p99, batch size and errors, and the ratios
     * throughput / baseline's throughput and p99 / baseline's p99.
     */
    public static String table(Map<String, List<LoadResult>> results, Map<String, String> descriptions, String baseline) {
        List<LoadResult> base = results.get(baseline);
        if (base == null) {
            throw new IllegalArgumentException("baseline: " + baseline + " (expected one of " + results.keySet() + ")");
        }
        double baseThroughput = median(base, LoadResult::throughput);
        double baseP99 = median(base, LoadResult::p99Ms);
        StringBuilder sb = new StringBuilder();
        sb.append("| config | what | req/s | p50 ms | p99 ms | mean batch | errors | throughput vs ")
                .append(baseline).append(" | p99 vs ").append(baseline).append(" |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        results.forEach((name, rounds) -> {
            double throughput = median(rounds, LoadResult::throughput);
            double p99 = median(rounds, LoadResult::p99Ms);
            long errors = rounds.stream().mapToLong(LoadResult::errors).sum();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.2f | %.2f | %.2f | %d | %.2fx | %.2fx |%n", name,
                    descriptions.getOrDefault(name, ""), throughput, median(rounds, LoadResult::p50Ms), p99,
                    median(rounds, LoadResult::meanBatchSize), errors, throughput / baseThroughput, p99 / baseP99));
        });
        return sb.toString();
    }
}
