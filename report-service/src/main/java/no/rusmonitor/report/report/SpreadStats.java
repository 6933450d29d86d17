package no.rusmonitor.report.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The spread of municipalities' own values. A report computes it itself from the municipality values it
 * may show, so that a withheld value never enters a minimum, maximum or quartile of a public report.
 * Quartiles interpolate linearly between order statistics (the method of R's default and of spreadsheets).
 */
public record SpreadStats(int count, double min, double q1, double median, double q3, double max) {

    /** Null when there are no values. */
    public static SpreadStats of(List<Double> values, int decimals) {
        List<Double> sorted = new ArrayList<>();
        for (Double v : values) {
            if (v != null && Double.isFinite(v)) {
                sorted.add(v);
            }
        }
        if (sorted.isEmpty()) {
            return null;
        }
        Collections.sort(sorted);
        return new SpreadStats(sorted.size(), Cell.round(sorted.get(0), decimals), Cell.round(quantile(sorted, 0.25), decimals),
                Cell.round(quantile(sorted, 0.5), decimals), Cell.round(quantile(sorted, 0.75), decimals),
                Cell.round(sorted.get(sorted.size() - 1), decimals));
    }

    static double quantile(List<Double> sorted, double p) {
        double position = (sorted.size() - 1) * p;
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        double fraction = position - below;
        return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * fraction;
    }
}
