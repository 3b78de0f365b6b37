package dev.shunt.gateway.shadow;

import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferOutput;

/**
 * How the values of two outputs of the same name, shape and datatype differ.
 *
 * @param maxAbsoluteError the largest absolute difference (0 for BYTES)
 * @param maxRelativeError the largest difference relative to the primary's value
 * @param reason why the values disagree; empty when they agree within tolerance
 * @param top1 for a classification-shaped output, whether every row's argmax is the same; null otherwise
 * @param top1Reason why the top-1 classes disagree; empty when they agree or there is no top-1
 */
record OutputDiff(double maxAbsoluteError, double maxRelativeError, String reason, Boolean top1, String top1Reason) {

    /** Guards relative errors against a primary value of zero. */
    static final double EPSILON = 1e-12;

    static OutputDiff of(InferOutput primary, InferOutput shadow, ShadowTolerance tolerance) {
        String name = primary.name();
        if (!TensorValues.isNumeric(primary.data()) || !TensorValues.isNumeric(shadow.data())) {
            boolean equal = primary.data().equals(shadow.data());
            return new OutputDiff(0, 0, equal ? "" : "output " + name + " values differ", null, "");
        }
        double[] a = TensorValues.toDoubles(primary.data());
        double[] b = TensorValues.toDoubles(shadow.data());
        double maxAbs = 0;
        double maxRel = 0;
        boolean within = true;
        for (int i = 0; i < a.length; i++) {
            double abs = ShadowTolerance.absoluteError(a[i], b[i]);
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, abs == 0 ? 0 : abs / Math.max(Math.abs(a[i]), EPSILON));
            within &= tolerance.agrees(a[i], b[i]);
        }
        String reason = within ? "" : "output " + name + " max abs error " + Figures.error(maxAbs) + " > tolerance";
        if (!isClassification(primary)) {
            return new OutputDiff(maxAbs, maxRel, reason, null, "");
        }
        int rows = differingTopRows(primary.shape(), a, b);
        long total = primary.shape().length == 1 ? 1 : primary.shape()[0];
        String top1Reason = rows == 0 ? "" : "output " + name + " top-1 differs in " + rows + " of " + total + " rows";
        return new OutputDiff(maxAbs, maxRel, reason, rows == 0, top1Reason);
    }

    /** FP32 or FP64 scores shaped {@code [C]} or {@code [N, C]}, with at least two classes and one row. */
    static boolean isClassification(InferOutput output) {
        if (output.datatype() != Datatype.FP32 && output.datatype() != Datatype.FP64) {
            return false;
        }
        long[] shape = output.shape();
        if (shape.length == 1) {
            return shape[0] >= 2;
        }
        return shape.length == 2 && shape[0] >= 1 && shape[1] >= 2;
    }

    private static int differingTopRows(long[] shape, double[] a, double[] b) {
        int classes = (int) shape[shape.length - 1];
        int differing = 0;
        for (int row = 0; row + classes <= a.length; row += classes) {
            if (argmax(a, row, classes) != argmax(b, row, classes)) {
                differing++;
            }
        }
        return differing;
    }

    /** The index of the largest score in {@code values[from, from + n)}; the first on ties, NaN above all. */
    static int argmax(double[] values, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (Double.compare(values[from + i], values[from + best]) > 0) {
                best = i;
            }
        }
        return best;
    }
}
