package no.rusmonitor.report.report;

/**
 * An indicator whose value for the municipality is withheld or missing, and why.
 *
 * @param reason {@code primary}, {@code secondary}, or a missing reason ({@code not_reported},
 *               {@code zero_denominator}, {@code split_before_today}, {@code no_population}, {@code no_value})
 */
public record Notice(String indicatorId, String name, String reason, String reasonText) {
}
