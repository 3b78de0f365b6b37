package dev.shunt.gateway.shadow;

import static java.util.Objects.requireNonNull;

import dev.shunt.protocol.InferOutput;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InferenceResponse;
import dev.shunt.protocol.Shapes;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares a shadow (candidate) backend's answer to a mirrored request with the primary's: status,
 * then the outputs of both inference responses matched by name (shape, datatype, then values within
 * a {@link ShadowTolerance}, then the top-1 class of classification-shaped outputs). Model names,
 * versions, ids and parameters are not compared: a candidate is expected to differ there.
 *
 * <p>It never throws on what the sides sent: failed sides, non-2xx statuses and undecodable bodies
 * become a {@link Comparison} that says why. Stateless and thread-safe.
 */
public final class ShadowComparator {

    private static final int MAX_DETAIL = 120;

    private final ShadowTolerance tolerance;
    private final InferenceCodec codec = new InferenceCodec();

    public ShadowComparator(ShadowTolerance tolerance) {
        this.tolerance = requireNonNull(tolerance, "tolerance");
    }

    /** The tolerance values are compared with. */
    public ShadowTolerance tolerance() {
        return tolerance;
    }

    /** Compares the two sides' answers to the same request. */
    public Comparison compare(Side primary, Side shadow) {
        requireNonNull(primary, "primary");
        requireNonNull(shadow, "shadow");
        boolean statusMatch = primary.answered() && shadow.answered() && primary.status() == shadow.status();
        Bodies bodies = compareBodies(primary, shadow);
        String reason = statusMatch ? bodies.reason() : statusReason(primary, shadow);
        return new Comparison(statusMatch, bodies.structureMatch(), bodies.numericWithinTolerance(),
                bodies.maxAbsoluteError(), bodies.maxRelativeError(), bodies.top1Agreement(),
                primary.latencyNanos(), shadow.latencyNanos(), primary.error(), shadow.error(), reason);
    }

    private static String statusReason(Side primary, Side shadow) {
        if (!primary.answered()) {
            return "primary failed: " + shorten(primary.failure());
        }
        if (!shadow.answered()) {
            return "shadow failed: " + shorten(shadow.failure());
        }
        return "status " + primary.status() + " vs " + shadow.status();
    }

    private Bodies compareBodies(Side primary, Side shadow) {
        if (!primary.success() || !shadow.success()) {
            return Bodies.unstructured("status " + primary.status() + " on both sides, no outputs to compare");
        }
        InferenceResponse a;
        try {
            a = codec.decodeResponse(primary.body(), primary.jsonLength());
        } catch (RuntimeException e) {
            return Bodies.unstructured("primary body undecodable: " + describe(e));
        }
        InferenceResponse b;
        try {
            b = codec.decodeResponse(shadow.body(), shadow.jsonLength());
        } catch (RuntimeException e) {
            return Bodies.unstructured("shadow body undecodable: " + describe(e));
        }
        Map<String, InferOutput> left = byName(a);
        Map<String, InferOutput> right = byName(b);
        String structure = structureReason(left, right);
        if (!structure.isEmpty()) {
            return Bodies.unstructured(structure);
        }
        return compareValues(left, right);
    }

    private static Map<String, InferOutput> byName(InferenceResponse response) {
        Map<String, InferOutput> outputs = new TreeMap<>();
        for (InferOutput output : response.outputs()) {
            outputs.put(output.name(), output);
        }
        return outputs;
    }

    private static String structureReason(Map<String, InferOutput> left, Map<String, InferOutput> right) {
        if (!left.keySet().equals(right.keySet())) {
            return shorten("outputs " + left.keySet() + " vs " + right.keySet());
        }
        for (InferOutput a : left.values()) {
            InferOutput b = right.get(a.name());
            String name = shorten(a.name());
            if (a.datatype() != b.datatype()) {
                return "output " + name + " datatype " + a.datatype() + " vs " + b.datatype();
            }
            if (!Arrays.equals(a.shape(), b.shape())) {
                return "output " + name + " shape " + Shapes.format(a.shape()) + " vs " + Shapes.format(b.shape());
            }
            if (a.data().size() != b.data().size()) {
                return "output " + name + " " + a.data().size() + " vs " + b.data().size() + " elements";
            }
        }
        return "";
    }

    private Bodies compareValues(Map<String, InferOutput> left, Map<String, InferOutput> right) {
        double maxAbs = 0;
        double maxRel = 0;
        String numericReason = "";
        Boolean top1 = null;
        String top1Reason = "";
        for (InferOutput a : left.values()) {
            OutputDiff diff = OutputDiff.of(a, right.get(a.name()), tolerance);
            maxAbs = Math.max(maxAbs, diff.maxAbsoluteError());
            maxRel = Math.max(maxRel, diff.maxRelativeError());
            if (numericReason.isEmpty()) {
                numericReason = diff.reason();
            }
            if (diff.top1() != null) {
                top1 = (top1 == null || top1) && diff.top1();
                if (top1Reason.isEmpty()) {
                    top1Reason = diff.top1Reason();
                }
            }
        }
        String reason = numericReason.isEmpty() ? top1Reason : numericReason;
        return new Bodies(true, numericReason.isEmpty(), maxAbs, maxRel, Optional.ofNullable(top1), shorten(reason));
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : shorten(message);
    }

    private static String shorten(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }

    /** The body-level half of a comparison. */
    private record Bodies(boolean structureMatch, boolean numericWithinTolerance, double maxAbsoluteError,
            double maxRelativeError, Optional<Boolean> top1Agreement, String reason) {

        static Bodies unstructured(String reason) {
            return new Bodies(false, false, 0, 0, Optional.empty(), reason);
        }
    }
}
