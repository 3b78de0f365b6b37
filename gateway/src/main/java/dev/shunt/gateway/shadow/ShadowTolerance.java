package dev.shunt.gateway.shadow;

/**
 * How far a shadow's number may stray from the primary's: a pair {@code (a, b)}, {@code a} from
 * the primary, agrees when {@code |a - b| <= absolute + relative * |a|}. Two NaNs agree, as do two
 * equal infinities; a NaN against a number, or opposite infinities, never do.
 *
 * @param absolute the absolute slack, {@code >= 0}
 * @param relative the slack relative to the primary's value, {@code >= 0}
 */
public record ShadowTolerance(double absolute, double relative) {

    public ShadowTolerance {
        Checks.nonNegativeFinite("tolerance.absolute", absolute);
        Checks.nonNegativeFinite("tolerance.relative", relative);
    }

    /** Absolute {@code 1e-5}, relative {@code 1e-3}: float noise between two runs of the same model. */
    public static ShadowTolerance ofDefaults() {
        return new ShadowTolerance(1e-5, 1e-3);
    }

    /** Exact equality (both slacks zero). */
    public static ShadowTolerance exact() {
        return new ShadowTolerance(0, 0);
    }

    /** Whether the shadow's {@code b} agrees with the primary's {@code a}. */
    public boolean agrees(double a, double b) {
        double error = absoluteError(a, b);
        return error == 0 || (Double.isFinite(error) && error <= absolute + relative * Math.abs(a));
    }

    /** {@code |a - b|}; 0 for two NaNs or equal infinities, infinite for a NaN against anything else. */
    static double absoluteError(double a, double b) {
        if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
            return 0;
        }
        double d = Math.abs(a - b);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }
}
