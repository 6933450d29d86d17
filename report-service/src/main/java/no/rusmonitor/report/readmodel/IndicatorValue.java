package no.rusmonitor.report.readmodel;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One indicator value as the read model keeps it: the newest revision for its (indicator, level, area,
 * borders, year). Raw: a suppressed value still carries its number here; only the report views hide it.
 */
public record IndicatorValue(String indicatorId, String level, String areaCode, String borders, int year, int revision,
        int definitionVersion, String goal, String unit, String areaName, String status, String missingReason, Double value,
        Double numerator, Double denominator, Double factor, Double personCount, String suppressed, Integer reportingCount,
        Integer expectedCount, Spread spread, List<SizeClassValue> sizeClasses, Integer submissionVersion, Instant computedAt) {

    public static final String MUNICIPALITY = "municipality";
    public static final String COUNTY = "county";
    public static final String COUNTRY = "country";
    public static final String AS_REPORTED = "as_reported";
    public static final String TODAY = "2024";

    @JsonIgnore
    public boolean isSuppressed() {
        return suppressed != null && !"none".equals(suppressed);
    }

    @JsonIgnore
    public boolean isMissing() {
        return !"ok".equals(status) || value == null;
    }

    /** The record key on the topic, without the year. */
    @JsonIgnore
    public String key() {
        return indicatorId + "|" + level + "|" + areaCode + "|" + borders;
    }
}
