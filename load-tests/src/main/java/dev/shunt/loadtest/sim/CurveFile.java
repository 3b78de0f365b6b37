package dev.shunt.loadtest.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a latency curve file: CSV with the header {@code pool_kind,model,batch_size,p50_ms,p99_ms},
 * one row per batch size in increasing order, one pool kind and model per file, and {@code #}
 * comment lines of which one must name the figures' source ({@code # source: ...}). Blank lines are
 * ignored. Errors name the file, the line and what was expected.
 */
public final class CurveFile {

    static final String HEADER = "pool_kind,model,batch_size,p50_ms,p99_ms";

    private CurveFile() {}

    /** Reads and parses {@code file}. */
    public static LatencyCurve read(Path file) {
        return read(file, file.toString());
    }

    /** Reads and parses {@code file}, naming it {@code name} in errors and as the curve's source. */
    public static LatencyCurve read(Path file, String name) {
        try {
            return parse(name, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
    }

    /** Parses the lines of a curve file; {@code name} prefixes every error and becomes the curve's source. */
    public static LatencyCurve parse(String name, List<String> lines) {
        boolean sourced = false;
        boolean header = false;
        String kind = null;
        String model = null;
        List<LatencyCurve.Point> points = new ArrayList<>();
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
            String rowKind = cells[0].strip();
            String rowModel = cells[1].strip();
            if (kind == null) {
                kind = rowKind;
                model = rowModel;
            } else if (!kind.equals(rowKind) || !model.equals(rowModel)) {
                throw new IllegalArgumentException(where + "pool_kind,model: " + rowKind + "," + rowModel
                        + " (expected: " + kind + "," + model + ", one curve per file)");
            }
            try {
                LatencyCurve.Point p = new LatencyCurve.Point(integer(cells[2], "batch_size"), number(cells[3], "p50_ms"),
                        number(cells[4], "p99_ms"));
                if (!points.isEmpty() && p.batchSize() <= points.get(points.size() - 1).batchSize()) {
                    throw new IllegalArgumentException("batch_size: " + p.batchSize() + " (expected: > "
                            + points.get(points.size() - 1).batchSize() + ", sizes in increasing order)");
                }
                points.add(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        if (!header || points.isEmpty()) {
            throw new IllegalArgumentException(name + ": no data rows (expected: the header " + HEADER
                    + " and at least one row)");
        }
        if (!sourced) {
            throw new IllegalArgumentException(name + ": no \"# source:\" comment (expected: a line saying where the "
                    + "figures come from)");
        }
        return new LatencyCurve(kind, model, points, name);
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
