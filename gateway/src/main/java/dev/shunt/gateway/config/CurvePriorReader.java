package dev.shunt.gateway.config;

import dev.shunt.routing.latency.CurveFile;
import dev.shunt.routing.latency.LinearFit;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Reads {@code pools.<name>.latency.curve} (with {@code model}, which picks that model's rows from a file
 * of several): the prior is the least-squares line through the curve's p50 points up to
 * {@value #MAX_FIT_BATCH} rows. The file is read once, at config load; a relative path is from the
 * working directory.
 */
final class CurvePriorReader {

    /** The largest batch size whose point the line is fitted through. */
    static final long MAX_FIT_BATCH = 64;

    private CurvePriorReader() {}

    /** The fitted line; errors name {@code latency.curve} or {@code latency.model} and the file. */
    static LinearFit read(ConfigNode latency) {
        String text = latency.requiredString("curve");
        Path path;
        try {
            path = Paths.get(text);
        } catch (InvalidPathException e) {
            throw latency.error("curve", "\"" + text + "\" is not a path (" + e.getMessage() + ")");
        }
        String shown = TrustStoreFile.shown(path);
        if (!Files.exists(path)) {
            throw latency.error("curve", shown + " does not exist");
        }
        List<CurveFile.Row> rows;
        try {
            rows = CurveFile.read(path, shown);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw latency.error("curve", e.getMessage());
        }
        String model = latency.string("model", rows.get(0).model());
        List<CurveFile.Row> ofModel = rows.stream().filter(r -> r.model().equals(model)).toList();
        if (ofModel.isEmpty()) {
            throw latency.error("model", "\"" + model + "\" (expected one of: "
                    + String.join(", ", rows.stream().map(CurveFile.Row::model).distinct().toList()) + ", the models in "
                    + shown + ")");
        }
        String kind = ofModel.get(0).poolKind();
        try {
            return LinearFit.ofMedians(ofModel.stream().filter(r -> r.poolKind().equals(kind)).toList(), MAX_FIT_BATCH);
        } catch (IllegalArgumentException e) {
            throw latency.error("curve", shown + ": " + e.getMessage());
        }
    }
}
