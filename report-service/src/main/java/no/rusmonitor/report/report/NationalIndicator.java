package no.rusmonitor.report.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import no.rusmonitor.report.catalogue.Polarity;

/**
 * One indicator in the national report: the country's value, last year's and the change, the trend since
 * 2015, the counties, the spread across municipalities, the size classes, and how many municipalities
 * reported.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NationalIndicator(String id, String name, String unit, String unitLabel, int decimals, Polarity polarity, Cell value,
        Cell previous, Double change, Cell baseline, Double changeSinceBaseline, Integer reporting, Integer expected,
        List<YearCell> trend, List<CountyRow> counties, SpreadStats spread, List<SizeClassRow> sizeClasses,
        @JsonIgnore Charts charts) {

    /** The markup of this indicator's charts, as the format needs it (not part of the JSON). */
    public record Charts(String trend, String counties, String spread) {
    }

    public NationalIndicator withCharts(Charts drawn) {
        return new NationalIndicator(id, name, unit, unitLabel, decimals, polarity, value, previous, change, baseline, changeSinceBaseline,
                reporting, expected, trend, counties, spread, sizeClasses, drawn);
    }
}
