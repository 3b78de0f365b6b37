package dev.shunt.loadtest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One benchmark's part of a report: its Markdown (title, set-up, tables with raw numbers and
 * ratios) and its charts.
 *
 * @param name short, for file names: {@code cpu-sizing}, {@code proxies}, ...
 * @param markdown starts with a {@code ##} heading
 * @param figures charts, rendered as SVG next to the report
 */
public record Section(String name, String markdown, List<Figure> figures) {

    public Section {
        requireNonNull(name, "name");
        requireNonNull(markdown, "markdown");
        figures = List.copyOf(figures);
    }
}
