package dev.shunt.routing.latency;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a latency curve file: CSV with the header {@code pool_kind,model,batch_size,p50_ms,p99_ms}, rows
 * of one or more curves (a pool kind and a model each) with batch sizes increasing within a curve, and
 * {@code #} comment lines of which one must name the figures' source ({@code # source: ...}). Blank lines
 * are ignored. Errors name the file, the line and what was expected. The simulator and the gateway's
 * {@code pools.<p>.latency.curve} both read curves with it.
 */
public final class CurveFile {

    /** The header line, spaces around the commas allowed. */
    public static final String HEADER = "pool_kind,model,batch_size,p50_ms,p99_ms";

    /**
     * One data row.
     *
     * @param line its line number in the file, from 1
     * @param poolKind e.g. {@code cpu}
     * @param model the model the figures are for
     * @param batchSize rows in one forward pass, {@code >= 1}
     * @param p50Ms median service time, {@code > 0}
     * @param p99Ms 99th percentile, {@code >= p50Ms}
     */
    public record Row(int line, String poolKind, String model, long batchSize, double p50Ms, double p99Ms) {
        public Row {
            requireNonNull(poolKind, "poolKind");
            requireNonNull(model, "model");
            checkPoint(batchSize, p50Ms, p99Ms);
        }
    }

    private CurveFile() {}

    /** Checks one point of a curve: batch size {@code >= 1}, a finite p50 {@code > 0}, a finite p99 {@code >= p50}. */
    public static void checkPoint(long batchSize, double p50Ms, double p99Ms) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size: " + batchSize + " (expected: >= 1)");
        }
        if (!(p50Ms > 0) || Double.isInfinite(p50Ms)) {
            throw new IllegalArgumentException("p50_ms: " + p50Ms + " (expected: a finite number > 0)");
        }
        if (!(p99Ms >= p50Ms) || Double.isInfinite(p99Ms)) {
            throw new IllegalArgumentException("p99_ms: " + p99Ms + " (expected: a finite number >= p50_ms " + p50Ms + ")");
        }
    }

    /** Reads and parses {@code file}, naming it {@code name} in errors. */
    public static List<Row> read(Path file, String name) {
        try {
            return parse(name, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses the lines of a curve file; {@code name} prefixes every error. */
    public static List<Row> parse(String name, List<String> lines) {
        boolean sourced = false;
        boolean header = false;
        List<Row> rows = new ArrayList<>();
        Map<String, Long> lastSize = new HashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            String where = name + ":" + n + ": ";
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                sourced |= line.substring(1).strip().toLowerCase(Locale.ROOT).startsWith("source:");
                continue;
            }
            if (!header) {
                if (!line.replace(" ", "").equals(HEADER)) {
                    throw new IllegalArgumentException(where + "\"" + line + "\" (expected: the header " + HEADER + ")");
                }
                header = true;
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 5) {
                throw new IllegalArgumentException(where + cells.length + " fields (expected: 5, " + HEADER + ")");
            }
            try {
                Row row = new Row(n, cells[0].strip(), cells[1].strip(), integer(cells[2], "batch_size"),
                        number(cells[3], "p50_ms"), number(cells[4], "p99_ms"));
                Long last = lastSize.put(row.poolKind() + "," + row.model(), row.batchSize());
                if (last != null && row.batchSize() <= last) {
                    throw new IllegalArgumentException("batch_size: " + row.batchSize() + " (expected: > " + last
                            + ", sizes in increasing order)");
                }
                rows.add(row);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        if (!header || rows.isEmpty()) {
            throw new IllegalArgumentException(name + ": no data rows (expected: the header " + HEADER
                    + " and at least one row)");
        }
        if (!sourced) {
            throw new IllegalArgumentException(name + ": no \"# source:\" comment (expected: a line saying where the "
                    + "figures come from)");
        }
        return List.copyOf(rows);
    }

    private static long integer(String cell, String field) {
        try {
            return Long.parseLong(cell.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": \"" + cell.strip() + "\" (expected: an integer >= 1)");
        }
    }

    private static double number(String cell, String field) {
        try {
            return Double.parseDouble(cell.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": \"" + cell.strip() + "\" (expected: a number > 0)");
        }
    }
}
