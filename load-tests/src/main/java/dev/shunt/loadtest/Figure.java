package dev.shunt.loadtest;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One chart of a report: bars per label (a config or target), one bar per series (e.g. p50 and p99).
 *
 * @param file the SVG's file name
 * @param title shown above the chart
 * @param unit of the values, shown on the axis
 * @param labels the groups, left to right
 * @param series name to one value per label
 */
public record Figure(String file, String title, String unit, List<String> labels, Map<String, List<Double>> series) {

    public Figure {
        requireNonNull(file, "file");
        requireNonNull(title, "title");
        requireNonNull(unit, "unit");
        labels = List.copyOf(labels);
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            if (e.getValue().size() != labels.size()) {
                throw new IllegalArgumentException("series " + e.getKey() + ": " + e.getValue().size() + " values for "
                        + labels.size() + " labels");
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        series = java.util.Collections.unmodifiableMap(copy);
    }

    /** Median throughput (req/s) per config of a closed-loop side-by-side run. */
    static Figure throughput(String file, String title, Map<String, List<LoadResult>> results) {
        return of(file, title, "req/s", results, Map.of("throughput", LoadResult::throughput));
    }

    /** Median p50 and p99 latency (ms) per config of a closed-loop side-by-side run. */
    static Figure latency(String file, String title, Map<String, List<LoadResult>> results) {
        Map<String, ToDoubleFunction<LoadResult>> series = new LinkedHashMap<>();
        series.put("p50", LoadResult::p50Ms);
        series.put("p99", LoadResult::p99Ms);
        return of(file, title, "ms", results, series);
    }

    private static Figure of(String file, String title, String unit, Map<String, List<LoadResult>> results,
            Map<String, ToDoubleFunction<LoadResult>> figures) {
        List<String> labels = List.copyOf(results.keySet());
        Map<String, List<Double>> series = new LinkedHashMap<>();
        figures.forEach((name, f) -> series.put(name,
                labels.stream().map(l -> Report.median(results.get(l), f)).toList()));
        return new Figure(file, title, unit, labels, series);
    }
}
