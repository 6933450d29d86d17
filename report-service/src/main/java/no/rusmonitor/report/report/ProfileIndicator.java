package no.rusmonitor.report.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import no.rusmonitor.report.catalogue.Polarity;

/**
 * One indicator in a municipality profile: the municipality's value next to its county's, its size class's
 * and the country's, last year's value, the submission version it was computed from, and its series on
 * today's borders next to the country's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileIndicator(String id, String name, String unit, String unitLabel, int decimals, Polarity polarity, Cell value,
        Cell previous, Double change, Cell county, Cell sizeClass, Cell country, Integer submissionVersion, List<YearCell> trend,
        List<YearCell> countryTrend, @JsonIgnore String chart) {

    public ProfileIndicator withChart(String markup) {
        return new ProfileIndicator(id, name, unit, unitLabel, decimals, polarity, value, previous, change, county, sizeClass, country,
                submissionVersion, trend, countryTrend, markup);
    }
}
