package dev.shunt.gateway.shadow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shunt.gateway.metrics.HistogramText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One replica's shadow window of one route, as another replica receives it: the exact counts and the
 * mergeable histograms of every comparison in the window, and its last mismatches. The leader sums
 * the windows of every replica into one report ({@link ShadowReport#snapshot(String, List)}).
 * Immutable; written as a JSON object with the histograms compressed and Base64-encoded.
 */
public final class ShadowWindow {

    /** The largest value any of its histograms may hold when read back (errors are the largest). */
    private static final long MAX_VALUE = Tally.errorUnits(Tally.MAX_ERROR);

    private final Tally tally;
    private final List<Mismatch> mismatches;

    ShadowWindow(Tally tally, List<Mismatch> mismatches) {
        this.tally = requireNonNull(tally, "tally");
        this.mismatches = List.copyOf(mismatches);
    }

    Tally tally() {
        return tally;
    }

    List<Mismatch> mismatches() {
        return mismatches;
    }

    /** Comparisons in the window. */
    public long samples() {
        return tally.samples;
    }

    /** The window as a JSON-ready map. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        Tally t = tally;
        m.put("samples", t.samples);
        m.put("statusMatches", t.statusMatches);
        m.put("structureMatches", t.structureMatches);
        m.put("numericMatches", t.numericMatches);
        m.put("agreements", t.agreements);
        m.put("top1Samples", t.top1Samples);
        m.put("top1Agreements", t.top1Agreements);
        m.put("primaryErrors", t.primaryErrors);
        m.put("shadowErrors", t.shadowErrors);
        m.put("maxAbsoluteError", t.maxAbsoluteError);
        m.put("noiseSamples", t.noiseSamples);
        m.put("noiseAgreements", t.noiseAgreements);
        m.put("primaryLatencyMicros", HistogramText.encode(t.primaryLatencyMicros));
        m.put("shadowLatencyMicros", HistogramText.encode(t.shadowLatencyMicros));
        m.put("absoluteErrors", HistogramText.encode(t.absoluteErrors));
        m.put("numericOnlyErrors", HistogramText.encode(t.numericOnlyErrors));
        m.put("noiseAbsoluteErrors", HistogramText.encode(t.noiseAbsoluteErrors));
        m.put("mismatches", mismatches);
        return m;
    }

    /**
     * Reads a window another replica wrote with {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming the first field that is missing or wrong
     */
    public static ShadowWindow fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("shadow window: expected a JSON object");
        }
        Tally t = new Tally();
        t.samples = count(node, "samples");
        t.statusMatches = count(node, "statusMatches");
        t.structureMatches = count(node, "structureMatches");
        t.numericMatches = count(node, "numericMatches");
        t.agreements = count(node, "agreements");
        t.top1Samples = count(node, "top1Samples");
        t.top1Agreements = count(node, "top1Agreements");
        t.primaryErrors = count(node, "primaryErrors");
        t.shadowErrors = count(node, "shadowErrors");
        t.noiseSamples = count(node, "noiseSamples");
        t.noiseAgreements = count(node, "noiseAgreements");
        JsonNode max = node.get("maxAbsoluteError");
        if (max == null || !max.isNumber() || !(max.asDouble() >= 0) || !Double.isFinite(max.asDouble())) {
            throw new IllegalArgumentException("shadow window: maxAbsoluteError: expected a finite number >= 0");
        }
        t.maxAbsoluteError = max.asDouble();
        for (long part : new long[] {t.statusMatches, t.structureMatches, t.agreements, t.top1Samples, t.primaryErrors,
                t.shadowErrors}) {
            if (part > t.samples) {
                throw new IllegalArgumentException("shadow window: a count above samples (" + t.samples + ")");
            }
        }
        if (t.numericMatches > t.structureMatches || t.top1Agreements > t.top1Samples || t.noiseAgreements > t.noiseSamples) {
            throw new IllegalArgumentException("shadow window: a count above the count it is part of");
        }
        decodeInto(node, "primaryLatencyMicros", t.primaryLatencyMicros);
        decodeInto(node, "shadowLatencyMicros", t.shadowLatencyMicros);
        decodeInto(node, "absoluteErrors", t.absoluteErrors);
        decodeInto(node, "numericOnlyErrors", t.numericOnlyErrors);
        decodeInto(node, "noiseAbsoluteErrors", t.noiseAbsoluteErrors);
        List<Mismatch> mismatches = new ArrayList<>();
        JsonNode list = node.path("mismatches");
        for (int i = 0; i < Math.min(list.size(), RouteWindow.MAX_MISMATCHES); i++) {
            JsonNode m = list.get(i);
            mismatches.add(new Mismatch(m.path("requestId").asText(""), m.path("reason").asText(""), m.path("at").asText("")));
        }
        return new ShadowWindow(t, mismatches);
    }

    private static long count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException("shadow window: " + field + ": expected a count >= 0");
        }
        return value.asLong();
    }

    private static void decodeInto(JsonNode node, String field, Histogram into) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("shadow window: " + field + ": expected an encoded histogram");
        }
        Histogram h;
        try {
            h = HistogramText.decode(value.asText(), 2);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shadow window: " + field + ": not an encoded histogram");
        }
        if (h.getTotalCount() > 0 && h.getMaxValue() > Math.max(MAX_VALUE, Tally.MAX_LATENCY_MICROS)) {
            throw new IllegalArgumentException("shadow window: " + field + ": values beyond the tracked range");
        }
        into.add(h);
    }
}
