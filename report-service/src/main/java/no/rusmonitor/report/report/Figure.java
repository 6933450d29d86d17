package no.rusmonitor.report.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One number a report shows, with what it is. {@code measure} is {@code value}, {@code change},
 * {@code reporting}, {@code expected}, or a spread statistic ({@code spread_count}, {@code spread_min},
 * {@code spread_q1}, {@code spread_median}, {@code spread_q3}, {@code spread_max}). A withheld or missing
 * value has no {@code value} and a {@code flag} ({@code :} or {@code ..}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figure(String indicatorId, String indicator, String unit, String areaLevel, String areaCode, String areaName, int year,
        String measure, Double value, String flag) {

    /** What identifies the same number in two versions of a report. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String key() {
        return indicatorId + "|" + areaLevel + "|" + areaCode + "|" + year + "|" + measure;
    }

    public static Figure of(String indicatorId, String indicator, String unit, String level, String code, String name, int year,
            String measure, Cell cell) {
        return new Figure(indicatorId, indicator, unit, level, code, name, year, measure, cell.value(),
                cell.flag() == Flag.none ? null : cell.flag().symbol());
    }

    public static Figure number(String indicatorId, String indicator, String unit, String level, String code, String name, int year,
            String measure, Number value) {
        return new Figure(indicatorId, indicator, unit, level, code, name, year, measure, value == null ? null : value.doubleValue(),
                value == null ? Flag.missing.symbol() : null);
    }
}
