package no.rusmonitor.report.report;

/** Municipalities that reported out of those expected to, and the rate in percent. */
public record ResponseRate(Cell rate, Integer reporting, Integer expected) {
}
