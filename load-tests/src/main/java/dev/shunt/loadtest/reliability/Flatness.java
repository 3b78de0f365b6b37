package dev.shunt.loadtest.reliability;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Whether a sampled series stays flat: the least-squares line through its samples of the second half
 * of the run, and the growth that line gives over that half, against a bound.
 *
 * @param series its name
 * @param unit e.g. {@code MiB}
 * @param growth the fitted line's rise over the second half
 * @param bound the most growth that still counts as flat
 * @param first the first sample's value
 * @param last the last sample's value
 */
record Flatness(String series, String unit, double growth, double bound, double first, double last) {

    static Flatness of(String series, String unit, List<SoakSample> samples, ToDoubleFunction<SoakSample> value,
            double bound) {
        double end = samples.get(samples.size() - 1).seconds();
        List<SoakSample> half = samples.stream().filter(s -> s.seconds() >= end / 2).toList();
        return new Flatness(series, unit, slope(half, value) * (half.get(half.size() - 1).seconds()
                - half.get(0).seconds()), bound, value.applyAsDouble(samples.get(0)),
                value.applyAsDouble(samples.get(samples.size() - 1)));
    }

    /** Least-squares slope per second; 0 with fewer than two samples. */
    static double slope(List<SoakSample> samples, ToDoubleFunction<SoakSample> value) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double mx = samples.stream().mapToDouble(SoakSample::seconds).average().orElse(0);
        double my = samples.stream().mapToDouble(value).average().orElse(0);
        double num = 0;
        double den = 0;
        for (SoakSample s : samples) {
            num += (s.seconds() - mx) * (value.applyAsDouble(s) - my);
            den += (s.seconds() - mx) * (s.seconds() - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    boolean flat() {
        return growth <= bound;
    }

    String describe() {
        return String.format(Locale.ROOT, "%s: %.1f → %.1f %s; fitted growth over the second half %+.1f %s (bound %.0f): %s",
                series, first, last, unit, growth, unit, bound, flat() ? "flat" : "GROWS");
    }
}
