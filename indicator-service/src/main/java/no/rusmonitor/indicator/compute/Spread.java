package no.rusmonitor.indicator.compute;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The spread of the municipalities' own values inside an aggregate: count, minimum, quartiles, median
 * and maximum. Quartiles interpolate linearly between the order statistics (the common "type 7"
 * definition of R, numpy and spreadsheet QUARTILE.INC).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Spread(int count, double min, double q1, double median, double q3, double max) {

    /**
     * The spread of the first {@code count} of {@code values}, which it sorts in place; null when count is 0.
     * The year's computation takes a spread for every aggregate, and collecting the values as boxed
     * numbers to sort a copy of them was a third of it.
     */
    static Spread of(double[] values, int count) {
        if (count == 0) {
            return null;
        }
        Arrays.sort(values, 0, count);
        return new Spread(count, values[0], quantile(values, count, 0.25), quantile(values, count, 0.5), quantile(values, count, 0.75),
                values[count - 1]);
    }

    private static double quantile(double[] sorted, int count, double p) {
        double position = (count - 1) * p;
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        if (below == above) {
            return sorted[below];
        }
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
