package no.rusmonitor.report.publish;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An indicator value a published report was built from, as the public may see it: a withheld value has
 * no number, only its flag.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceView(String indicatorId, String level, String areaCode, String borders, int year, int revision,
        int definitionVersion, String status, String suppressed, Double value, Integer submissionVersion, Instant computedAt) {
}
