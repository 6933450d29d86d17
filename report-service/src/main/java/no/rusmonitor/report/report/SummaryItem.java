package no.rusmonitor.report.report;

/**
 * One line of the summary: an indicator whose national value moved since last year.
 *
 * @param direction {@code improved}, {@code worsened}, {@code rose} or {@code fell} (the last two where
 *                  the plan does not say which way is better)
 */
public record SummaryItem(String indicatorId, String name, String unit, int decimals, String direction, Double from, Double to,
        Double change) {
}
