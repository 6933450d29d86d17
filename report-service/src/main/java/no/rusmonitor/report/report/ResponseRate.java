package no.rusmonitor.report.report;

/**
 * Municipalities that reported out of those expected to, and the rate in percent, rounded to the response
 * rate's decimals as its definition gives them.
 */
public record ResponseRate(Cell rate, Integer reporting, Integer expected, int decimals) {
}
