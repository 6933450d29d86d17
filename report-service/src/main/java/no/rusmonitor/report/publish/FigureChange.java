package no.rusmonitor.report.publish;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One number that differs between two versions of a report. {@code from} or {@code to} is absent when the
 * figure is missing or withheld on that side (its flag says which), or did not exist.
 *
 * @param change {@code changed}, {@code added} or {@code removed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FigureChange(String indicatorId, String indicator, String areaLevel, String areaCode, String areaName, int year,
        String measure, String change, Double from, String fromFlag, Double to, String toFlag) {
}
