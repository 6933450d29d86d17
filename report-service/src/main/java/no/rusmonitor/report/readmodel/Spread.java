package no.rusmonitor.report.readmodel;

/** The spread of municipalities' own values: count, minimum, quartiles, median, maximum. */
public record Spread(int count, double min, double q1, double median, double q3, double max) {
}
