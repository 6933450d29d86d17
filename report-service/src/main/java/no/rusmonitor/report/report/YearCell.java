package no.rusmonitor.report.report;

/** One year of a time series. */
public record YearCell(int year, Cell cell) {
}
