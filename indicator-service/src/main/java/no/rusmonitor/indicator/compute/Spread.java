package no.rusmonitor.indicator.compute;

import java.util.Arrays;
import java.util.Collection;

/**
 * The spread of the municipalities' own values inside an aggregate: count, minimum, quartiles, median
 * and maximum. Quartiles interpolate linearly between the order statistics (the common "type 7"
 * definition of R, numpy and spreadsheet QUARTILE.INC).
 */
public record Spread(int count, double min, double q1, double median, double q3, double max) {

    /** The spread of {@code values}, or null when there are none. */
    public static Spread of(Collection<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Spread(sorted.length, sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75),
                sorted[sorted.length - 1]);
    }

    static double quantile(double[] sorted, double p) {
        double position = (sorted.length - 1) * p;
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        if (below == above) {
            return sorted[below];
        }
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
