package no.rusmonitor.indicator.definition;

/**
 * Which municipalities enter an indicator's sums.
 * <ul>
 * <li>{@code sum_over_reporting}: those that submitted and answered every question the formulas use;
 * numerators and denominators are added up (never ratios averaged).</li>
 * <li>{@code sum_over_expected}: every municipality expected to report that year, submitted or not;
 * the formulas may use only the reference variables ({@code submitted}, {@code population}). This is how
 * the response rate is defined.</li>
 * </ul>
 */
public enum Aggregation {
    sum_over_reporting, sum_over_expected
}
